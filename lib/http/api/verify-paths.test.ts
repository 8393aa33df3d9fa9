import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSqliteDatabase } from "../../../test/helpers/test-db";

// POST /v1/api-keys/verify has two implementations: the front thread's (lib/http/api/fast-verify.ts,
// on plain node:http, what `latchkey start` serves) and the Next route handler
// (app/v1/api-keys/verify/route.ts, what `next dev` serves). They must answer the same bytes.

createTestSqliteDatabase();
process.env.LATCHKEY_SECRET = "verify-paths-test-secret-0123456789abcdef";

const { bootstrap } = await import("../../domain/bootstrap");
const { disconnectDb } = await import("../../platform/db");
const { createApiKey, revokeApiKey } = await import("../../domain/keys/service");
const { insertAppApiKey } = await import("../../domain/app-keys/service");
const { transaction } = await import("../../platform/db");
const { serveVerify } = await import("./fast-verify");
const { processVerifier } = await import("./process-verifier");
const route = await import("../../../app/v1/api-keys/verify/route");

const tenant = await bootstrap({ team: "Paths", app: "Paths", project: "Paths" });
const scope = {
  teamId: tenant.team_id,
  appId: tenant.app_id,
  actor: { type: "system" as const, id: "test" },
  request: { ipAddress: null, userAgent: null },
};
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => serveVerify(processVerifier(), req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await disconnectDb();
});

const COMPARED_HEADERS = ["content-type", "cache-control", "x-content-type-options", "www-authenticate", "x-request-id", "retry-after"];

async function both(headers: Record<string, string>, body: string) {
  // The same request id on both, so that error bodies can be compared byte for byte.
  const sent = { "x-request-id": "req_same-id-for-both", ...headers };
  const fast = await fetch(`${base}/v1/api-keys/verify`, { method: "POST", headers: sent, body });
  const next = await route.POST(new Request("http://localhost/v1/api-keys/verify", { method: "POST", headers: sent, body }));
  const view = async (response: Response) => ({
    status: response.status,
    body: await response.text(),
    headers: Object.fromEntries(COMPARED_HEADERS.map((name) => [name, response.headers.get(name)])),
  });
  return { fast: await view(fast), next: await view(next) };
}

describe("the two verify paths", () => {
  it("answer every verdict and every refusal with the same status, headers and bytes", async () => {
    const valid = await createApiKey(scope, { project_id: tenant.project_id, name: "valid", scopes: ["a:read"] });
    const revoked = await createApiKey(scope, { project_id: tenant.project_id, name: "revoked" });
    await revokeApiKey(scope, revoked.row.id);
    const verifier = await transaction((tx) => insertAppApiKey(tx, scope, { name: "verifier", role: "verifier" }));
    const json = { "content-type": "application/json" };
    const admin = { ...json, authorization: `Bearer ${tenant.api_key}` };
    const cases: [string, Record<string, string>, string][] = [
      ["valid", admin, JSON.stringify({ key: valid.plaintext })],
      ["valid, cached now", admin, JSON.stringify({ key: valid.plaintext })],
      ["insufficient scopes", admin, JSON.stringify({ key: valid.plaintext, scopes: ["a:write"] })],
      ["revoked", admin, JSON.stringify({ key: revoked.plaintext })],
      ["malformed", admin, JSON.stringify({ key: `${valid.plaintext}x` })],
      [
        "unknown",
        admin,
        JSON.stringify({ key: valid.plaintext.replace(/^lk_(live|test)_/, "lk_$1_").slice(0, 8) + "0".repeat(valid.plaintext.length - 8) }),
      ],
      ["by a verifier key", { ...json, authorization: `Bearer ${verifier.plaintext}` }, JSON.stringify({ key: valid.plaintext })],
      ["no bearer", json, JSON.stringify({ key: valid.plaintext })],
      ["an unknown bearer", { ...json, authorization: "Bearer lk_app_nope" }, JSON.stringify({ key: valid.plaintext })],
      ["invalid JSON", admin, "{"],
      ["an unknown field", admin, JSON.stringify({ key: valid.plaintext, extra: 1 })],
      ["a missing key", admin, "{}"],
      ["not JSON", { authorization: `Bearer ${tenant.api_key}`, "content-type": "text/plain" }, "key"],
    ];
    for (const [what, headers, body] of cases) {
      const { fast, next } = await both(headers, body);
      expect(next, what).toEqual(fast);
    }
    // The cases above did reach different outcomes.
    const statuses = new Set<number>();
    for (const [, headers, body] of cases) statuses.add((await both(headers, body)).fast.status);
    expect([...statuses].sort()).toEqual([200, 400, 401, 415]);
  });
});
