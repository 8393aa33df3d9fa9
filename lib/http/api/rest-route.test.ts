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
const { appKeyCan } = await import("../../domain/app-keys/authenticate");

afterAll(() => disconnectDb());

const REST = OPERATION_LIST.filter((entry) => entry.rest);
const request = { ipAddress: null, userAgent: null };

async function tenant(label: string) {
  const boot = await bootstrap({ team: `${label} team`, app: `${label} app`, project: `${label} project` });
  const scope = { teamId: boot.team_id, appId: boot.app_id, actor: { type: "system" as const, id: "test" }, request };
  const key = await createApiKey(scope, { project_id: boot.project_id, name: "Key", credits: { remaining: 100 } });
  const hooked = await createApiKey(scope, {
    project_id: boot.project_id,
    name: "Hooked",
    rotation_webhook_url: "https://hooks.example.com/x",
  });
  const { messageId } = await rotateApiKey(scope, hooked.row.id, { grace_period_seconds: 600 });
  const verifier = await createAppApiKey(scope, { name: "Verifier", role: "verifier" });
  const spare = await createAppApiKey(scope, { name: "Spare", role: "admin" });
  const { createWebhookEndpoint } = await import("../../domain/webhooks/endpoints");
  const endpoint = await createWebhookEndpoint(scope, boot.project_id, { url: "https://hooks.example.com/e", events: ["api_key.revoked"] });
  return {
    endpointId: endpoint.id,
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
  changeApiKeyCredits: (t) => ({ params: { keyID: t.keyId }, body: { op: "increment", amount: 5 } }),
  createWebhookEndpoint: (t) => ({
    params: { project_id: t.projectId },
    body: { url: "https://hooks.example.com/endpoint", events: ["api_key.created"] },
  }),
  listWebhookEndpoints: (t) => ({ params: { project_id: t.projectId } }),
  deleteWebhookEndpoint: (t) => ({ params: { project_id: t.projectId, endpoint_id: t.endpointId } }),
  bulkRevokeApiKeys: (t) => ({ params: {}, body: { project_id: t.projectId, ids: [t.keyId] } }),
  getApiKeyUsage: (t) => ({ params: { keyID: t.keyId }, query: { window: "7d" } }),
  getKeyPolicy: (t) => ({ params: { project_id: t.projectId } }),
  updateKeyPolicy: (t) => ({ params: { project_id: t.projectId }, body: { max_key_lifetime_days: 365 } }),
  rotateWebhookSigningSecret: (t) => ({ params: { project_id: t.projectId } }),
  listWebhookDeliveries: (t) => ({ params: { project_id: t.projectId }, query: { limit: "5" } }),
  redeliverWebhookMessage: (t) => ({ params: { project_id: t.projectId, message_id: t.messageId } }),
  reportKeyUsage: (t) => ({ params: {}, body: { keys: [{ key_id: t.keyId, last_verified_at: new Date().toISOString(), valid: 3 }] } }),
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
      // A verifier key is refused what its role lacks (all but the usage report, which SDKs send with it).
      if (!appKeyCan("verifier", rest!.permission)) {
        const refused = await call(name, t.verifier, CALLS[name]!(t));
        expect(refused).toMatchObject({ status: 403, json: { error: { code: "forbidden" } } });
      }
      const answered = await call(name, t.admin, CALLS[name]!(t));
      expect(answered.status, JSON.stringify(answered.json)).toBe(rest!.status);
      if (rest!.response) expect(rest!.response.safeParse(answered.json).error).toBeUndefined();
      else expect(answered.json).toBeNull();
    },
  );

  it.each(REST.map((entry) => entry.name).filter((name) => !["listAuditEvents", "reportKeyUsage"].includes(name)))(
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

  it("counts a usage report for the caller's keys only, from a verifier key too", async () => {
    const [mine, theirs] = [await tenant("usage a"), await tenant("usage b")];
    const at = new Date().toISOString();
    const body = {
      keys: [
        { key_id: mine.keyId, last_verified_at: at, valid: 4, revoked: 1 },
        { key_id: theirs.keyId, last_verified_at: at, valid: 9 },
      ],
    };
    const reported = await call("reportKeyUsage", mine.verifier, { params: {}, body });
    expect(reported).toEqual({ status: 200, json: { accepted: 1, unknown_key_ids: [theirs.keyId] } });
    const usage = await call("getApiKeyUsage", mine.admin, { params: { keyID: mine.keyId }, query: { window: "24h" } });
    expect(usage.json.totals).toMatchObject({ valid: 4, revoked: 1 });
    const key = await call("getApiKey", mine.admin, { params: { keyID: mine.keyId } });
    expect(key.json.last_used_at).toBe(at);
    const old = await call("reportKeyUsage", mine.verifier, {
      params: {},
      body: { keys: [{ key_id: mine.keyId, last_verified_at: "2020-01-01T00:00:00Z", valid: 1 }] },
    });
    expect(old).toMatchObject({ status: 400, json: { error: { details: [{ field: "keys.0.last_verified_at" }] } } });
    const theirUsage = await call("getApiKeyUsage", theirs.admin, { params: { keyID: theirs.keyId }, query: { window: "24h" } });
    expect(theirUsage.json.totals.valid).toBe(0);
  });

  it("every /v1 operation is covered here", () => {
    expect(Object.keys(CALLS).sort()).toEqual(REST.map((entry) => entry.name).sort());
  });
});

describe("every /v1 list pages", () => {
  /** GET a /v1 URL through the handler of the entry whose path template matches it. */
  const get = async (bearer: string, url: string) => {
    const { pathname } = new URL(url, "http://localhost");
    const template = REST.map((e) => e.rest!).find(
      (r) => r.method === "GET" && new RegExp(`^${r.path.replace(/\{\w+\}/g, "[^/]+")}$`).test(pathname),
    )!;
    const segments = pathname.split("/");
    const params = Object.fromEntries(
      template.path
        .split("/")
        .map((segment, i) => [segment, segments[i]!] as const)
        .filter(([segment]) => segment.startsWith("{"))
        .map(([segment, value]) => [segment.slice(1, -1), value]),
    );
    const response = await restRoute(template.path).GET(
      new Request(`http://localhost${url}`, { headers: { authorization: `Bearer ${bearer}` } }),
      {
        params: Promise.resolve(params),
      },
    );
    return { status: response.status, link: response.headers.get("link"), json: await response.json() };
  };
  const nextOf = (link: string | null) => (link ? /^<([^>]+)>; rel="next"$/.exec(link)![1]! : null);

  it("walks a project's keys with limit and the Link header, each key once, while keys are created and revoked", async () => {
    const t = await tenant("walk");
    const scope = { teamId: "", appId: t.appId, actor: { type: "system" as const, id: "test" }, request };
    const { db } = await import("../../platform/db");
    scope.teamId = (await db().app.findUniqueOrThrow({ where: { id: t.appId } })).teamId;
    for (let i = 0; i < 23; i++) await createApiKey(scope, { project_id: t.projectId, name: `k${i}` });
    const existing = (await db().apiKey.findMany({ where: { projectId: t.projectId }, select: { id: true } })).map((k) => k.id);
    const seen: string[] = [];
    let url: string | null = `/v1/api-keys?project_id=${t.projectId}&limit=7`;
    let pages = 0;
    while (url) {
      const page = await get(t.admin, url);
      expect(page.status).toBe(200);
      expect(Array.isArray(page.json)).toBe(true);
      expect(page.json.length).toBeLessThanOrEqual(7);
      seen.push(...page.json.map((k: { id: string }) => k.id));
      // Changes during the walk: a new key, and a revoked one.
      await createApiKey(scope, { project_id: t.projectId, name: `during ${pages}` });
      const { revokeApiKey } = await import("../../domain/keys/service");
      await revokeApiKey(scope, existing[pages]!);
      url = nextOf(page.link);
      pages++;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of existing) expect(seen).toContain(id);
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  it("walks keys that share one created_at (as a bulk import writes them) in id order, each once", async () => {
    const t = await tenant("same instant");
    const { db } = await import("../../platform/db");
    const environmentId = (await db().environment.findFirstOrThrow({ where: { projectId: t.projectId } })).id;
    const at = new Date("2030-01-01T00:00:00.000Z");
    const ids = Array.from({ length: 25 }, (_, i) => `key_same${String(i).padStart(3, "0")}`);
    await db().apiKey.createMany({
      data: ids.map((id, i) => ({
        id,
        appId: t.appId,
        projectId: t.projectId,
        environmentId,
        name: id,
        keyPrefix: "lk_live_same0000",
        keyHash: `same-${i}-${t.appId}`,
        createdAt: at,
        createdBy: "test",
      })),
    });
    const seen: string[] = [];
    let url: string | null = `/v1/api-keys?project_id=${t.projectId}&limit=4`;
    while (url) {
      const page = await get(t.admin, url);
      seen.push(...page.json.map((k: { id: string }) => k.id));
      url = nextOf(page.link);
    }
    // The fixture's own keys first (created now), then the 25 in id order.
    expect(seen.slice(-25)).toEqual(ids);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("starts after a given id, refuses an id outside the list, a forged cursor, both at once, and a limit above 1,000", async () => {
    const t = await tenant("paging");
    const all = await get(t.admin, `/v1/api-keys?project_id=${t.projectId}`);
    expect(all.link).toBeNull();
    const [first, ...rest] = all.json as { id: string }[];
    const after = await get(t.admin, `/v1/api-keys?project_id=${t.projectId}&starting_after=${first!.id}`);
    expect(after.json.map((k: { id: string }) => k.id)).toEqual(rest.map((k) => k.id));
    const refusals = [
      [`starting_after=key_nobody`, "starting_after"],
      [`cursor=bm90IGEgY3Vyc29y`, "cursor"],
      [`cursor=%25%25`, "cursor"],
      [`cursor=${Buffer.from(`+275760-09-13T00:00:00.000Z|${first!.id}`).toString("base64url")}`, "cursor"],
      [`limit=1001`, "limit"],
      [`limit=0`, "limit"],
      [`limit=1.5`, "limit"],
      [`limit=abc`, "limit"],
    ] as const;
    for (const [query, field] of refusals) {
      const answer = await get(t.admin, `/v1/api-keys?project_id=${t.projectId}&${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error.details?.[0]?.field ?? answer.json.error.message, query).toContain(field);
    }
    const cursor = (await get(t.admin, `/v1/api-keys?project_id=${t.projectId}&limit=1`)).link!;
    const both = await get(t.admin, `${nextOf(cursor)}&starting_after=${first!.id}`);
    expect(both.status).toBe(400);
    // Another app's key id is not an item of this list.
    const other = await tenant("paging other");
    const foreign = await get(t.admin, `/v1/api-keys?project_id=${t.projectId}&starting_after=${other.keyId}`);
    expect(foreign.status).toBe(400);
  });

  it("pages the app keys, the audit events and the webhook deliveries the same way", async () => {
    const t = await tenant("lists");
    for (const url of [`/v1/apps/${t.appId}/api-keys?limit=1`, `/v1/apps/${t.appId}/audit-events?limit=1`]) {
      const first = await get(t.admin, url);
      expect(first.status, url).toBe(200);
      expect(first.link, url).toMatch(/cursor=/);
      const second = await get(t.admin, nextOf(first.link)!);
      expect(second.status, url).toBe(200);
      expect(JSON.stringify(second.json)).not.toBe(JSON.stringify(first.json));
    }
    const keys = await get(t.admin, `/v1/apps/${t.appId}/api-keys?limit=1`);
    expect(Object.keys(keys.json)).toEqual(["api_keys"]);
    const deliveries = await get(t.admin, `/v1/projects/${t.projectId}/webhook-deliveries?limit=1000`);
    expect(deliveries).toMatchObject({ status: 200, link: null, json: { next_cursor: null } });
  });
});
