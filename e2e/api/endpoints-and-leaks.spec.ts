import { generateKey } from "../../lib/core/crypto/key-secret";
import { expect, expectError, ISO, test } from "../fixtures";

// Project webhook endpoints (/v1/projects/{project_id}/webhook-endpoints) and the public leak
// report (POST /v1/leaks), through the real server on each database. Deliveries to a receiver
// are checked in lib/domain/scheduler/lifecycle.test.ts and the console's webhook spec.

test.describe.configure({ mode: "serial" });

test.describe("webhook endpoints", () => {
  test("create answers 201, list pages, delete answers 204; each lifecycle event is queued for a subscribed endpoint", async ({
    apiA,
    a,
  }) => {
    const base = `/v1/projects/${a.project_id}/webhook-endpoints`;
    const created = await apiA("POST", base, {
      body: { url: "https://hooks.example.com/latchkey", events: ["api_key.created", "api_key.revoked", "api_key.created"] },
    });
    expect(created.status(), await created.text()).toBe(201);
    const endpoint = await created.json();
    expect(endpoint).toEqual({
      id: expect.stringMatching(/^whe_/),
      project_id: a.project_id,
      url: "https://hooks.example.com/latchkey",
      events: ["api_key.created", "api_key.revoked"],
      created_at: expect.stringMatching(ISO),
    });
    const second = await (
      await apiA("POST", base, { body: { url: "https://hooks.example.com/second", events: ["api_key.leaked"] } })
    ).json();

    const page = await apiA("GET", `${base}?limit=1`);
    const first = await page.json();
    expect(first.webhook_endpoints.map((e: { id: string }) => e.id)).toEqual([endpoint.id]);
    expect(page.headers().link).toContain('rel="next"');
    const rest = await (await apiA("GET", `${base}?limit=1&cursor=${first.next_cursor}`)).json();
    expect(rest.webhook_endpoints.map((e: { id: string }) => e.id)).toEqual([second.id]);

    const key = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "announced" } })).json();
    await apiA("DELETE", `/v1/api-keys/${key.id}`);
    const log = await (await apiA("GET", `/v1/projects/${a.project_id}/webhook-deliveries?limit=100`)).json();
    const toEndpoint = log.deliveries.filter((d: { key_id: string; url: string }) => d.key_id === key.id && d.url === endpoint.url);
    expect(toEndpoint.map((d: { event_type: string }) => d.event_type).sort()).toEqual(["api_key.created", "api_key.revoked"]);
    expect(JSON.stringify(toEndpoint)).not.toContain(key.key);

    expect((await apiA("DELETE", `${base}/${endpoint.id}`)).status()).toBe(204);
    await expectError(await apiA("DELETE", `${base}/${endpoint.id}`), 404, "not_found");
    await apiA("DELETE", `${base}/${second.id}`);
  });

  test("bad bodies are 400 naming the field, and another app's project or endpoint is 404", async ({ apiA, apiB, a, b }) => {
    const base = `/v1/projects/${a.project_id}/webhook-endpoints`;
    const badUrl = await expectError(
      await apiA("POST", base, { body: { url: "ftp://x", events: ["api_key.created"] } }),
      400,
      "invalid_request",
    );
    expect(badUrl.error.details?.[0]?.field).toBe("url");
    const privateUrl = await expectError(
      await apiA("POST", base, { body: { url: "https://10.0.0.5/hook", events: ["api_key.created"] } }),
      400,
      "invalid_request",
    );
    expect(privateUrl.error.details?.[0]?.field).toBe("url");
    const badEvent = await expectError(
      await apiA("POST", base, { body: { url: "https://hooks.example.com/x", events: ["api_key.exploded"] } }),
      400,
      "invalid_request",
    );
    expect(badEvent.error.details?.[0]?.field).toBe("events.0");
    await expectError(await apiA("POST", base, { body: { url: "https://hooks.example.com/x", events: [] } }), 400, "invalid_request");
    await expectError(
      await apiA("POST", base, { body: { url: "https://hooks.example.com/x", events: ["api_key.created"], extra: 1 } }),
      400,
      "invalid_request",
    );

    const theirs = await (
      await apiB("POST", `/v1/projects/${b.project_id}/webhook-endpoints`, {
        body: { url: "https://hooks.example.com/b", events: ["api_key.created"] },
      })
    ).json();
    await expectError(await apiA("GET", `/v1/projects/${b.project_id}/webhook-endpoints`), 404, "not_found");
    await expectError(await apiA("DELETE", `${base}/${theirs.id}`), 404, "not_found");
    await expectError(await apiA("DELETE", `/v1/projects/${b.project_id}/webhook-endpoints/${theirs.id}`), 404, "not_found");
    await expectError(await apiA("PUT", base, { body: {} }), 405, "method_not_allowed");
    await apiB("DELETE", `/v1/projects/${b.project_id}/webhook-endpoints/${theirs.id}`);
  });
});

// Each test reports from an address of its own (the servers trust loopback as a proxy), so that the
// per-address limit counts its reports alone, whatever else runs on the server meanwhile.
const from = (host: number) => ({ "x-forwarded-for": `198.51.100.${host}` });

test.describe("leak reports", () => {
  test("need no key, always answer 202, and disable a reported live key (the default on_leak)", async ({ apiA, a, request }) => {
    const key = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "pasted publicly" } })).json();
    const never = generateKey("live").plaintext;
    const headers = from(10);
    const response = await request.post("/v1/leaks", {
      headers,
      data: { keys: [key.key, never, "lk_live_tooShort"], source_url: "https://paste.example.com/abc" },
    });
    expect(response.status()).toBe(202);
    expect(await response.json()).toEqual({ received: 3 });
    // A report of keys that do not exist answers the same.
    expect(await (await request.post("/v1/leaks", { headers, data: { keys: [never] } })).json()).toEqual({ received: 1 });

    // Acted on just after the answer, so that its timing tells nothing.
    await expect
      .poll(async () => (await (await apiA("POST", "/v1/api-keys/verify", { body: { key: key.key } })).json()).code)
      .toBe("DISABLED");
    const row = await (await apiA("GET", `/v1/api-keys/${key.id}`)).json();
    expect(row).toMatchObject({ enabled: false, disabled_reason: "leaked" });
    const audit = await (await apiA("GET", `/v1/apps/${a.app_id}/audit-events?target_id=${key.id}&action=api_key.leaked`)).json();
    expect(audit.audit_events).toEqual([
      expect.objectContaining({
        action: "api_key.leaked",
        metadata: expect.objectContaining({ on_leak: "disable", source_url: "https://paste.example.com/abc" }),
      }),
    ]);
  });

  test("refuse a bad body in the error shape, other methods with 405, and a flood with 429", async ({ request }) => {
    const headers = from(20);
    const bad = await request.post("/v1/leaks", { headers, data: { keys: [] } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.code).toBe("invalid_request");
    const tooMany = await request.post("/v1/leaks", { data: { keys: Array.from({ length: 101 }, () => "x") } });
    expect(tooMany.status()).toBe(400);
    expect((await request.get("/v1/leaks")).status()).toBe(405);
    let status = 0;
    let sent = 0;
    for (; sent < 25 && status !== 429; sent++) status = (await request.post("/v1/leaks", { headers, data: { keys: ["x"] } })).status();
    expect([status, sent]).toEqual([429, 21]);
    const limited = await request.post("/v1/leaks", { headers, data: { keys: ["x"] } });
    expect(limited.headers()["retry-after"]).toBe("60");
    expect((await limited.json()).error.code).toBe("rate_limited");
  });
});
