import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { generateKey } from "../../lib/core/crypto/key-secret";
import { fake, stopFake, valid } from "../test/fake-latchkey";
import { latchkey } from "./express";
import { verifyRequest } from "./fetch";
import { createVerifier } from "./index";
import { withLatchkey } from "./next";

// The three adapters on a stand-in Latchkey: the key from Authorization or getKey, the result
// handed on, and 401, 403 and 503 in Latchkey's error shape.

afterEach(stopFake);

const key = generateKey("live").plaintext;
const request = (headers: Record<string, string> = {}) => new Request("http://service.example/things", { headers });

describe("verifyRequest (fetch)", () => {
  it("hands on the result of a valid key, and refuses with 401, 403 and 503 in the error shape", async () => {
    const latchkey = await fake();
    const verifier = createVerifier({ baseUrl: latchkey.url, apiKey: "lk_app_test", cache: false });
    const ok = await verifyRequest(request({ authorization: `Bearer ${key}` }), { verifier });
    expect(ok).toEqual({ ok: true, result: valid("key_1") });

    const missing = await verifyRequest(request(), { verifier });
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.response.status).toBe(401);
    expect(await missing.response.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });

    latchkey.answer = { ...valid("key_1"), valid: false, code: "INSUFFICIENT_SCOPES" };
    const scoped = await verifyRequest(request({ authorization: `Bearer ${key}` }), { verifier, scopes: ["write"] });
    expect(!scoped.ok && scoped.response.status).toBe(403);

    latchkey.answer = { ...valid("key_1"), valid: false, code: "REVOKED" };
    const revoked = await verifyRequest(request({ authorization: `Bearer ${key}` }), { verifier });
    expect(!revoked.ok && (await revoked.response.json()).error.message).toMatch(/revoked/);

    latchkey.answer = "down";
    const down = await verifyRequest(request({ authorization: `Bearer ${key}` }), { verifier });
    expect(!down.ok && down.response.status).toBe(503);
    expect(!down.ok && down.response.headers.get("retry-after")).toBe("1");
    await verifier.close();
  });

  it("takes the key from getKey when given", async () => {
    const latchkey = await fake();
    const verifier = createVerifier({ baseUrl: latchkey.url, apiKey: "lk_app_test", cache: false });
    const checked = await verifyRequest(request({ "x-api-key": key }), { verifier, getKey: (r) => r.headers.get("x-api-key") });
    expect(checked.ok).toBe(true);
    await verifier.close();
  });
});

describe("withLatchkey (Next.js route handlers)", () => {
  it("runs the handler with the result, and answers a refusal itself", async () => {
    const latchkey = await fake();
    const verifier = createVerifier({ baseUrl: latchkey.url, apiKey: "lk_app_test", cache: false });
    const GET = withLatchkey(
      async (_request, { latchkey: result, params }) => Response.json({ key: result.key_id, id: (await params).id }),
      {
        verifier,
      },
    );
    const answered = await GET(request({ authorization: `Bearer ${key}` }), { params: Promise.resolve({ id: "7" }) });
    expect(await answered.json()).toEqual({ key: "key_1", id: "7" });
    const refused = await GET(request({ authorization: "Bearer lk_live_nope" }), { params: Promise.resolve({ id: "7" }) });
    expect(refused.status).toBe(401);
    await verifier.close();
  });
});

describe("latchkey() (Express and Connect middleware)", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("calls next with req.latchkey set, or answers the refusal, on a node:http server", async () => {
    const latchkeyServer = await fake();
    const verifier = createVerifier({ baseUrl: latchkeyServer.url, apiKey: "lk_app_test", cache: false });
    const middleware = latchkey({ verifier, scopes: ["read"] });
    server = createServer((req, res) =>
      middleware(req as never, res, () => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ key: (req as unknown as { latchkey: { key_id: string } }).latchkey.key_id }));
      }),
    );
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const ok = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    expect(await ok.json()).toEqual({ key: "key_1" });
    const missing = await fetch(url);
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.code).toBe("unauthorized");
    await verifier.close();
  });
});
