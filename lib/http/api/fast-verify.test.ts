import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSqliteDatabase } from "../../../test/helpers/test-db";

// The custom server's verify path on a real node:http server and a real SQLite file: answers
// from the cache without a promise, from the database on a miss, and errors in the API's shape.

createTestSqliteDatabase();
process.env.LATCHKEY_SECRET = "fast-verify-test-secret-0123456789abcdef";

const { bootstrap } = await import("../../domain/bootstrap");
const { disconnectDb } = await import("../../platform/db");
const { createApiKey, revokeApiKey } = await import("../../domain/keys/service");
const { insertAppApiKey } = await import("../../domain/app-keys/service");
const { transaction } = await import("../../platform/db");
const { processVerifier } = await import("./process-verifier");
const { serveVerify } = await import("./fast-verify");
const evictAll = () => processVerifier().cache.evictAll();

let server: Server;
let port: number;
const tenant = await bootstrap({ team: "Fast", app: "Fast", project: "Fast" });
const scope = {
  teamId: tenant.team_id,
  appId: tenant.app_id,
  actor: { type: "system" as const, id: "test" },
  request: { ipAddress: null, userAgent: null },
};

beforeAll(async () => {
  server = createServer((req, res) => serveVerify(processVerifier(), req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await disconnectDb();
});

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A raw request, so that bodies can lie about their length or arrive in chunks. */
function post(body: string | Buffer[], headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/v1/api-keys/verify", headers, agent: false }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    if (Array.isArray(body)) for (const chunk of body) req.write(chunk);
    else req.write(body);
    req.end();
  });
}

const auth = (key = tenant.api_key) => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });
const verify = (key: string, headers = auth()) => post(JSON.stringify({ key, scopes: ["read"] }), headers);

describe("serveVerify", () => {
  it("answers the same verdict from the database (cold) and from the cache (warm), and never caches the answer", async () => {
    const { plaintext, row } = await createApiKey(scope, { project_id: tenant.project_id, name: "fast", scopes: ["read"] });
    evictAll();
    const cold = await verify(plaintext);
    const warm = await verify(plaintext);
    expect(cold.status).toBe(200);
    expect(JSON.parse(cold.body)).toMatchObject({ valid: true, code: "VALID", key_id: row.id, scopes: ["read"] });
    expect(warm.body).toBe(cold.body);
    expect(warm.headers["cache-control"]).toBe("no-store");
    expect(warm.headers["content-type"]).toBe("application/json");
    expect(warm.body).not.toContain(plaintext);

    await revokeApiKey(scope, row.id);
    expect(JSON.parse((await verify(plaintext)).body)).toMatchObject({ valid: false, code: "REVOKED" });
  });

  it("refuses a missing, unknown or deleted app key with 401 before reading the body", async () => {
    const missing = await post(JSON.stringify({ key: "x" }), { "content-type": "application/json" });
    expect(missing.status).toBe(401);
    expect(missing.headers["www-authenticate"]).toContain("Bearer");
    expect(JSON.parse(missing.body).error.code).toBe("unauthorized");

    // A well-formed app key that does not exist costs a lookup (the async path), then reads as 401.
    const stranger = await transaction((tx) =>
      insertAppApiKey(tx, { ...scope, appId: tenant.app_id }, { name: "stranger", role: "verifier" }),
    );
    const strangerKey = stranger.plaintext.slice(0, -8) + "AAAAAAAA";
    expect((await verify("lk_live_x", auth(strangerKey))).status).toBe(401);

    // Too large and unauthenticated: the key is judged first.
    const big = await post("x".repeat(100), { "content-type": "application/json", "content-length": String(2 * 1024 * 1024) });
    expect(big.status).toBe(401);
  });

  it("a verifier key may verify; a malformed project key is MALFORMED without a lookup", async () => {
    const verifier = await transaction((tx) => insertAppApiKey(tx, scope, { name: "edge", role: "verifier" }));
    const answer = await verify("lk_live_nonsense", auth(verifier.plaintext));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ valid: false, code: "MALFORMED", key_id: null });
  });

  it("answers bad bodies in the error shape: 400 naming the field, 415, and 413 for a body over the cap", async () => {
    const invalid = await post(JSON.stringify({ key: "", extra: 1 }), auth());
    expect(invalid.status).toBe(400);
    expect(
      JSON.parse(invalid.body)
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["extra", "key"]);

    expect((await post("{not json", auth())).status).toBe(400);
    expect((await post(JSON.stringify({ key: "k" }), { authorization: auth().authorization, "content-type": "text/plain" })).status).toBe(
      415,
    );

    // Bytes that are not UTF-8 are refused, not read as U+FFFD; so is a lone surrogate spelled in JSON.
    const latin1 = await post([Buffer.from('{"key":"lk_live_caf'), Buffer.from([0xe9]), Buffer.from('"}')], auth());
    expect(latin1.status).toBe(400);
    expect(JSON.parse(latin1.body).error.code).toBe("invalid_json");
    const surrogate = await post('{"key":"lk_live_\\ud800"}', auth());
    expect(surrogate.status).toBe(400);
    expect(JSON.parse(surrogate.body).error.details).toEqual([{ field: "key", message: "must not contain a lone UTF-16 surrogate" }]);

    // Chunked, with no Content-Length: capped as it arrives.
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024, "a"));
    const tooLarge = await post(chunks, { ...auth(), "transfer-encoding": "chunked" });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error.code).toBe("payload_too_large");
  });
});
