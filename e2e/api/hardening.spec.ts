import { connect } from "node:net";
import { expect, expectError, test } from "../fixtures";

// Issue 11, "Inputs that still answer 500": each of those inputs, against the running server.

/** A request written on a socket by hand, for methods and paths no HTTP client sends as given. */
function rawRequest(baseURL: string, head: string): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`${head}\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`));
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString("utf8")));
    socket.on("error", reject);
    socket.on("close", () => {
      const split = text.indexOf("\r\n\r\n");
      resolve({ status: Number(text.split(" ")[1]), headers: text.slice(0, split).toLowerCase(), body: text.slice(split + 4) });
    });
  });
}

const NOT_URLS = ["not a url", "http://", "https://", "//example.com/x", "https://hooks.example.com/a b", "x".repeat(10_000)];

test.describe("inputs that answered 500", () => {
  test("a rotation_webhook_url that is not a URL answers 400 naming it, on create and on PATCH", async ({ apiA, a }) => {
    const key = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "webhook target" } })).json();
    for (const url of NOT_URLS) {
      const created = await expectError(
        await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "bad url", rotation_webhook_url: url } }),
        400,
        "invalid_request",
      );
      expect(created.error.details?.[0]?.field, url).toBe("rotation_webhook_url");
      const patched = await expectError(
        await apiA("PATCH", `/v1/api-keys/${key.id}`, { body: { rotation_webhook_url: url } }),
        400,
        "invalid_request",
      );
      expect(patched.error.details?.[0]?.field, url).toBe("rotation_webhook_url");
    }
  });

  test("localhost and *.localhost webhook URLs are refused when entered, with one wording for a refused scheme", async ({ apiA, a }) => {
    const key = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "loopback target" } })).json();
    for (const url of ["https://localhost/hook", "https://foo.localhost/hook", "https://LOCALHOST.:8443/hook"]) {
      const refused = await expectError(
        await apiA("PATCH", `/v1/api-keys/${key.id}`, { body: { rotation_webhook_url: url } }),
        400,
        "invalid_request",
      );
      expect(refused.error.details, url).toEqual([{ field: "rotation_webhook_url", message: expect.stringMatching(/loopback/) }]);
      await expectError(
        await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "loopback", rotation_webhook_url: url } }),
        400,
        "invalid_request",
      );
    }
    const wording = "must use https (plain http is allowed only to localhost, and only outside production)";
    for (const url of ["http://localhost:4000/hook", "http://hooks.example.com/hook"]) {
      const refused = await expectError(
        await apiA("PATCH", `/v1/api-keys/${key.id}`, { body: { rotation_webhook_url: url } }),
        400,
        "invalid_request",
      );
      expect(refused.error.details, url).toEqual([{ field: "rotation_webhook_url", message: wording }]);
    }
    expect((await (await apiA("GET", `/v1/api-keys/${key.id}`)).json()).rotation_webhook_url).toBeNull();
  });

  test("a cursor outside the databases' date range, or forged, answers 400 naming cursor", async ({ apiA, a }) => {
    const forged = ["-100000-01-01T00:00:00.000Z|aud_x", "+275760-09-13T00:00:00.000Z|aud_x"].map((text) =>
      Buffer.from(text).toString("base64url"),
    );
    for (const cursor of [...forged, "!!!", Buffer.from('{"id":1}').toString("base64url")]) {
      for (const path of [`/v1/apps/${a.app_id}/audit-events`, `/v1/projects/${a.project_id}/webhook-deliveries`]) {
        const body = await expectError(await apiA("GET", `${path}?cursor=${encodeURIComponent(cursor)}`), 400, "invalid_request");
        expect(body.error.details, `${path} ${cursor}`).toEqual([{ field: "cursor", message: "is not a cursor this API returned" }]);
      }
    }
  });

  test("a path that is not percent-encoded UTF-8 answers 400 in the error shape, console paths included", async ({ apiA, baseURL }) => {
    for (const path of ["/v1/api-keys/%ff", "/v1/api-keys/%", "/v1/apps/%E0%A4%A/api-keys"]) {
      await expectError(await apiA("GET", path), 400, "invalid_request");
      await expectError(await apiA("PATCH", path, { body: { name: "x" } }), 400, "invalid_request");
    }
    const console = await rawRequest(baseURL!, "GET /acme/apps/%E0%A4%A HTTP/1.1");
    expect(console.status).toBe(400);
  });

  test("TRACE, CONNECT and unknown methods answer 405 in the error shape with Allow", async ({ apiA, baseURL }) => {
    const trace = await expectError(await apiA("TRACE", "/v1/api-keys"), 405, "method_not_allowed");
    expect(trace.error.message).toContain("TRACE");
    for (const head of [
      "TRACE / HTTP/1.1",
      "CONNECT example.com:443 HTTP/1.1",
      "FOO /v1/api-keys HTTP/1.1",
      "PROPFIND /v1/api-keys HTTP/1.1",
    ]) {
      const answer = await rawRequest(baseURL!, head);
      expect(answer.status, head).toBe(405);
      expect(answer.headers, head).toContain("allow: get, head, options, post, put, patch, delete");
      expect(JSON.parse(answer.body).error.code, head).toBe("method_not_allowed");
    }
  });

  test("a route's unsupported method answers 405 method_not_allowed with the route's Allow", async ({ apiA, a }) => {
    const response = await apiA("PUT", `/v1/projects/${a.project_id}/key-policy`, { body: {} });
    await expectError(response, 405, "method_not_allowed");
    expect(response.headers()["allow"]).toBe("GET, HEAD, OPTIONS, PATCH");
    const verify = await apiA("GET", "/v1/api-keys/verify");
    await expectError(verify, 405, "method_not_allowed");
    expect(verify.headers()["allow"]).toBe("OPTIONS, POST");
  });

  test("lone surrogates are refused on create and rename of project and app keys, naming the field", async ({ apiA, a }) => {
    const surrogate = '"x\\ud800y"';
    const create = await expectError(
      await apiA("POST", "/v1/api-keys", {
        body: `{"project_id":"${a.project_id}","name":${surrogate}}`,
        headers: { "content-type": "application/json" },
      }),
      400,
      "invalid_request",
    );
    expect(create.error.details?.[0]?.field).toBe("name");
    const key = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "surrogate target" } })).json();
    const rename = await expectError(
      await apiA("PATCH", `/v1/api-keys/${key.id}`, { body: `{"name":${surrogate}}`, headers: { "content-type": "application/json" } }),
      400,
      "invalid_request",
    );
    expect(rename.error.details?.[0]?.field).toBe("name");
    const scopes = await expectError(
      await apiA("PATCH", `/v1/api-keys/${key.id}`, {
        body: '{"scopes":["ok","\\udc00"]}',
        headers: { "content-type": "application/json" },
      }),
      400,
      "invalid_request",
    );
    expect(scopes.error.details?.[0]?.field).toBe("scopes.1");

    const appCreate = await expectError(
      await apiA("POST", `/v1/apps/${a.app_id}/api-keys`, {
        body: `{"name":${surrogate}}`,
        headers: { "content-type": "application/json" },
      }),
      400,
      "invalid_request",
    );
    expect(appCreate.error.details?.[0]?.field).toBe("name");
    const appKey = await (
      await apiA("POST", `/v1/apps/${a.app_id}/api-keys`, { body: { name: "surrogate app key", role: "verifier" } })
    ).json();
    const appRename = await expectError(
      await apiA("PATCH", `/v1/apps/${a.app_id}/api-keys/${appKey.api_key.id}`, {
        body: `{"name":${surrogate}}`,
        headers: { "content-type": "application/json" },
      }),
      400,
      "invalid_request",
    );
    expect(appRename.error.details?.[0]?.field).toBe("name");
    expect((await (await apiA("GET", `/v1/api-keys/${key.id}`)).json()).name).toBe("surrogate target");
  });

  test("a body that is not UTF-8 is refused with 400 invalid_json, not stored with U+FFFD", async ({ request, a }) => {
    const auth = { authorization: `Bearer ${a.api_key}`, "content-type": "application/json" };
    const key = await (
      await request.post("/v1/api-keys", { headers: auth, data: { project_id: a.project_id, name: "utf-8 target" } })
    ).json();
    const latin1 = Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    await expectError(await request.patch(`/v1/api-keys/${key.id}`, { headers: auth, data: latin1 }), 400, "invalid_json");
    await expectError(
      await request.post("/v1/api-keys/verify", {
        headers: auth,
        data: Buffer.concat([Buffer.from('{"key":"'), Buffer.from([0xff]), Buffer.from('"}')]),
      }),
      400,
      "invalid_json",
    );
    expect((await (await request.get(`/v1/api-keys/${key.id}`, { headers: auth })).json()).name).toBe("utf-8 target");
  });

  test("a server action posted from another origin is refused with 403, not 500", async ({ request }) => {
    const response = await request.post("/", {
      headers: { "next-action": "7f" + "0".repeat(40), origin: "https://evil.example", "content-type": "text/plain;charset=UTF-8" },
      data: "[]",
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });
});
