import { generateKey } from "../../lib/core/crypto/key-secret";
import { expect, expectError, test } from "../fixtures";

// POST /v1/api-keys/verify: the hot path every customer request goes through.

const VERDICT_FIELDS = [
  "valid",
  "code",
  "key_id",
  "project_id",
  "environment_id",
  "scopes",
  "expires_at",
  "grace_expires_at",
  "owner_id",
  "meta",
  "rate_limits",
  "credits_remaining",
];

test.describe("verify", () => {
  test("a valid key answers VALID with its identity and scopes", async ({ apiA, a }) => {
    const created = await (
      await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "svc", scopes: ["read", "write"] } })
    ).json();
    const response = await apiA("POST", "/v1/api-keys/verify", { body: { key: created.key, scopes: ["read"] } });
    expect(response.status()).toBe(200);
    const verdict = await response.json();
    expect(Object.keys(verdict)).toEqual(VERDICT_FIELDS);
    expect(verdict).toEqual({
      valid: true,
      code: "VALID",
      key_id: created.id,
      project_id: a.project_id,
      environment_id: created.environment_id,
      scopes: ["read", "write"],
      expires_at: null,
      grace_expires_at: null,
      owner_id: null,
      meta: null,
      rate_limits: [],
      credits_remaining: null,
    });
  });

  test("each way a key can fail has its own code", async ({ apiA, a }) => {
    const create = async (body: object = {}) =>
      (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "k", ...body } })).json();
    const verify = async (key: string, scopes?: string[]) => (await apiA("POST", "/v1/api-keys/verify", { body: { key, scopes } })).json();

    const scoped = await create({ scopes: ["read"] });
    expect(await verify(scoped.key, ["read", "admin"])).toMatchObject({ valid: false, code: "INSUFFICIENT_SCOPES", key_id: scoped.id });

    const revoked = await create();
    await apiA("DELETE", `/v1/api-keys/${revoked.id}`);
    expect(await verify(revoked.key)).toMatchObject({ valid: false, code: "REVOKED" });

    const expiring = await create({ expires_at: new Date(Date.now() + 1500).toISOString() });
    expect((await verify(expiring.key)).code).toBe("VALID");
    await expect.poll(async () => (await verify(expiring.key)).code, { timeout: 5000 }).toBe("EXPIRED");

    const truncated = scoped.key.slice(0, 40);
    expect((await verify(truncated)).code).toBe("MALFORMED");
    expect(await verify(`${scoped.key.slice(0, -2)}00`)).toMatchObject({ valid: false, code: "MALFORMED", key_id: null });
    expect((await verify("not even close")).code).toBe("MALFORMED");
    // Well-formed keys with a correct checksum that were never issued, or are no project key.
    expect((await verify(generateKey("live").plaintext)).code).toBe("NOT_FOUND");
    expect((await verify(a.api_key)).code).toBe("NOT_FOUND");
  });

  test("bad requests are 400, and a key is never echoed back", async ({ apiA }) => {
    await expectError(await apiA("POST", "/v1/api-keys/verify", { body: {} }), 400, "invalid_request");
    const wrongType = await expectError(
      await apiA("POST", "/v1/api-keys/verify", { body: { key: "lk_live_secretish", scopes: "read" } }),
      400,
      "invalid_request",
    );
    expect(JSON.stringify(wrongType)).not.toContain("lk_live_secretish");
    await expectError(await apiA("POST", "/v1/api-keys/verify", { body: { key: "x", extra: true } }), 400, "invalid_request");
    await expectError(
      await apiA("POST", "/v1/api-keys/verify", { body: "{", headers: { "content-type": "application/json" } }),
      400,
      "invalid_json",
    );
  });
});

test.describe("usage", () => {
  test("GET /v1/api-keys/{keyID}/usage counts verifications by outcome within seconds", async ({ apiA, apiB, a }) => {
    const created = await (
      await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "metered", scopes: ["read"] } })
    ).json();
    for (const scopes of [["read"], ["read"], [], ["admin"]]) {
      await apiA("POST", "/v1/api-keys/verify", { body: { key: created.key, scopes } });
    }
    await expect
      .poll(async () => (await (await apiA("GET", `/v1/api-keys/${created.id}/usage`)).json()).totals, { timeout: 5000, intervals: [250] })
      .toEqual({ valid: 3, revoked: 0, expired: 0, disabled: 0, forbidden: 0, insufficient_scopes: 1, rate_limited: 0, usage_exceeded: 0 });
    const usage = await (await apiA("GET", `/v1/api-keys/${created.id}/usage?window=7d`)).json();
    expect(usage).toMatchObject({ key_id: created.id, window: "7d", granularity: "hour" });
    expect(usage.buckets).toHaveLength(168);
    expect(usage.buckets.at(-1)).toMatchObject({ valid: 3, insufficient_scopes: 1 });

    const bad = await expectError(await apiA("GET", `/v1/api-keys/${created.id}/usage?window=1y`), 400, "invalid_request");
    expect(bad.error.details?.[0]?.field).toBe("window");
    await expectError(await apiB("GET", `/v1/api-keys/${created.id}/usage`), 404, "not_found");
  });
});

test.describe("the rest of /v1", () => {
  test("GET /metrics is off (404 in the error shape) unless LATCHKEY_METRICS_TOKEN is set; /healthz answers without a key", async ({
    request,
  }) => {
    const metrics = await request.get("/metrics");
    expect(metrics.status()).toBe(404);
    expect((await metrics.json()).error.code).toBe("not_found");
    expect(await (await request.get("/healthz")).json()).toEqual({ status: "ok" });
    expect((await request.get("/readyz")).status()).toBe(200);
  });

  test("an unknown endpoint answers 404 in the error shape", async ({ apiA }) => {
    await expectError(await apiA("GET", "/v1/nothing-here"), 404, "not_found");
    await expectError(await apiA("POST", "/v1/api-keys/key_x/unrotate", { body: {} }), 404, "not_found");
  });
});
