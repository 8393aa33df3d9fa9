import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/test-db";

// Every /v1 operation of the catalogue, through the handlers restRoute makes for its path, by
// every kind of caller: none, a verifier key, another app's admin key, and the app's own admin
// key. The statuses and the documented response shapes come from each entry.

await createTestDatabase();
process.env.LATCHKEY_SECRET ??= "rest-route-test-secret-0123456789abcdef";

const { bootstrap } = await import("../../domain/bootstrap");
const { disconnectDb } = await import("../../platform/db");
const { createApiKey } = await import("../../domain/keys/service");
const { rotateApiKey } = await import("../../domain/keys/rotate");
const { createAppApiKey } = await import("../../domain/app-keys/service");
const { OPERATION_LIST } = await import("../../domain/catalogue");
const { restRoute } = await import("./rest-route");

afterAll(() => disconnectDb());

const REST = OPERATION_LIST.filter((entry) => entry.rest);
const request = { ipAddress: null, userAgent: null };

async function tenant(label: string) {
  const boot = await bootstrap({ team: `${label} team`, app: `${label} app`, project: `${label} project` });
  const scope = { teamId: boot.team_id, appId: boot.app_id, actor: { type: "system" as const, id: "test" }, request };
  const key = await createApiKey(scope, { project_id: boot.project_id, name: "Key" });
  const hooked = await createApiKey(scope, {
    project_id: boot.project_id,
    name: "Hooked",
    rotation_webhook_url: "https://hooks.example.com/x",
  });
  const { messageId } = await rotateApiKey(scope, hooked.row.id, { grace_period_seconds: 600 });
  const verifier = await createAppApiKey(scope, { name: "Verifier", role: "verifier" });
  const spare = await createAppApiKey(scope, { name: "Spare", role: "admin" });
  return {
    appId: boot.app_id,
    projectId: boot.project_id,
    keyId: key.row.id,
    appKeyId: spare.row.id,
    messageId: messageId!,
    admin: boot.api_key,
    verifier: verifier.plaintext,
  };
}
type Tenant = Awaited<ReturnType<typeof tenant>>;
type Call = { params: Record<string, string>; query?: Record<string, string>; body?: unknown };

// A valid request for each operation, about a tenant's resources.
const CALLS: Record<string, (t: Tenant) => Call> = {
  listAppApiKeys: (t) => ({ params: { app_id: t.appId } }),
  createAppApiKey: (t) => ({ params: { app_id: t.appId }, body: { name: "New", role: "verifier" } }),
  getAppApiKey: (t) => ({ params: { app_id: t.appId, api_key_id: t.appKeyId } }),
  updateAppApiKey: (t) => ({ params: { app_id: t.appId, api_key_id: t.appKeyId }, body: { name: "Renamed" } }),
  deleteAppApiKey: (t) => ({ params: { app_id: t.appId, api_key_id: t.appKeyId } }),
  listAuditEvents: (t) => ({ params: { app_id: t.appId }, query: { limit: "5" } }),
  listApiKeys: (t) => ({ params: {}, query: { project_id: t.projectId } }),
  createApiKey: (t) => ({ params: {}, body: { project_id: t.projectId, name: "New" } }),
  getApiKey: (t) => ({ params: { keyID: t.keyId } }),
  updateApiKey: (t) => ({ params: { keyID: t.keyId }, body: { scopes: ["a:read"] } }),
  revokeApiKey: (t) => ({ params: { keyID: t.keyId } }),
  rotateApiKey: (t) => ({ params: { keyID: t.keyId }, body: { grace_period_seconds: 60 } }),
  getApiKeyUsage: (t) => ({ params: { keyID: t.keyId }, query: { window: "7d" } }),
  getKeyPolicy: (t) => ({ params: { project_id: t.projectId } }),
  updateKeyPolicy: (t) => ({ params: { project_id: t.projectId }, body: { max_key_lifetime_days: 365 } }),
  rotateWebhookSigningSecret: (t) => ({ params: { project_id: t.projectId } }),
  listWebhookDeliveries: (t) => ({ params: { project_id: t.projectId }, query: { limit: "5" } }),
  redeliverWebhookMessage: (t) => ({ params: { project_id: t.projectId, message_id: t.messageId } }),
};

async function call(name: string, bearer: string | null, { params, query, body }: Call) {
  const { rest } = REST.find((entry) => entry.name === name)!;
  const path = rest!.path.replace(/\{(\w+)\}/g, (_, param: string) => params[param]!);
  const url = `http://localhost${path}${query ? `?${new URLSearchParams(query)}` : ""}`;
  const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};
  if (body !== undefined) headers["content-type"] = "application/json";
  const handler = restRoute(rest!.path)[rest!.method];
  const response = await handler(
    new Request(url, { method: rest!.method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    { params: Promise.resolve(params) },
  );
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

describe("every /v1 operation of the catalogue", () => {
  it.each(REST.map((entry) => entry.name))(
    "%s: 401 without a key, 403 for a verifier, the entry's status and shape for an admin",
    async (name) => {
      const t = await tenant(name);
      const { rest } = REST.find((entry) => entry.name === name)!;
      expect((await call(name, null, CALLS[name]!(t))).status).toBe(401);
      const refused = await call(name, t.verifier, CALLS[name]!(t));
      expect(refused).toMatchObject({ status: 403, json: { error: { code: "forbidden" } } });
      const answered = await call(name, t.admin, CALLS[name]!(t));
      expect(answered.status, JSON.stringify(answered.json)).toBe(rest!.status);
      if (rest!.response) expect(rest!.response.safeParse(answered.json).error).toBeUndefined();
      else expect(answered.json).toBeNull();
    },
  );

  it.each(REST.map((entry) => entry.name).filter((name) => name !== "listAuditEvents"))(
    "%s: another app's admin key reads the app's resources as not found",
    async (name) => {
      const [mine, theirs] = [await tenant(`${name} a`), await tenant(`${name} b`)];
      const answer = await call(name, theirs.admin, CALLS[name]!(mine));
      expect(answer).toMatchObject({ status: 404, json: { error: { code: "not_found" } } });
      // And the resources are still there for their own app.
      if (name.startsWith("get") || name.startsWith("list")) expect((await call(name, mine.admin, CALLS[name]!(mine))).status).toBe(200);
    },
  );

  it("answers other methods with 405 and Allow", async () => {
    const response = await restRoute("/v1/api-keys").PUT(new Request("http://localhost/v1/api-keys", { method: "PUT" }), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
  });

  it("refuses a path no entry serves", () => {
    expect(() => restRoute("/v1/nothing-here")).toThrow(/No operation/);
  });

  it("every /v1 operation is covered here", () => {
    expect(Object.keys(CALLS).sort()).toEqual(REST.map((entry) => entry.name).sort());
  });
});
