import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./helpers/test-db";

// A project of 100,000 keys, as a customer-per-key service has: the /v1 list pages and walks
// every key exactly once, the console's table searches and counts only so far, and the audit
// export streams 100,000 rows. Each asserts its page sizes and how far the heap grows, which
// stays far below what one answer holding every row would take (45 MB of JSON for the keys).

await createTestDatabase();
process.env.LATCHKEY_SECRET ??= "scale-test-secret-0123456789abcdef";

const KEYS = 100_000;
const HEAP_BUDGET_MB = 100;

const { bootstrap } = await import("../lib/domain/bootstrap");
const { db, disconnectDb } = await import("../lib/platform/db");
const { newId } = await import("../lib/core/ids");
const { restRoute } = await import("../lib/http/api/rest-route");
const { runOperation } = await import("../lib/http/actions/run-operation");
const { signInUser } = await import("../lib/domain/teams/members");
const { KEY_COUNT_LIMIT } = await import("../lib/domain/keys/queries");

afterAll(() => disconnectDb());

const tenant = await bootstrap({ team: "Scale", app: "Scale", project: "Scale" });
const owner = await signInUser({ email: "owner@scale.example", name: "Owner" });
await db().membership.create({ data: { id: newId("membership"), teamId: tenant.team_id, userId: owner.id, role: "owner" } });
const team = await db().team.findUniqueOrThrow({ where: { id: tenant.team_id } });

// Inserted in bulk inside the database (an import would do the same): a key and its audit row
// each, one second apart, in one statement per table, so that the setup takes seconds.
const startSeconds = Math.floor(Date.now() / 1000) - KEYS;
const { env } = await import("../lib/core/env");
if (env().DATABASE_PROVIDER === "sqlite") {
  const { onSqliteConnection } = await import("../lib/platform/db");
  await onSqliteConnection((sqlite) => {
    const key = sqlite.prepare(
      `INSERT INTO "ApiKey" ("id","appId","projectId","environmentId","name","keyPrefix","keyHash","scopes","createdAt","createdBy")
       VALUES (?,?,?,?,?,?,?,'[]',?,'scale')`,
    );
    const audit = sqlite.prepare(
      `INSERT INTO "AuditEvent" ("id","teamId","appId","actorType","actorId","action","targetType","targetId","metadata","createdAt")
       VALUES (?,?,?,'system','scale','api_key.created','api_key',?,?,?)`,
    );
    sqlite.transaction(() => {
      for (let n = 0; n < KEYS; n++) {
        const id = `key_scale${String(n).padStart(8, "0")}`;
        const at = new Date((startSeconds + n) * 1000).toISOString().replace("Z", "+00:00");
        key.run(id, tenant.app_id, tenant.project_id, tenant.environments[n % 2]!.id, `Customer ${n}`, prefixOf(n), `hash-${n}`, at);
        audit.run(
          `aud_scale${String(n).padStart(8, "0")}`,
          tenant.team_id,
          tenant.app_id,
          id,
          JSON.stringify({ name: `Customer ${n}` }),
          at,
        );
      }
    })();
  });
} else {
  const series = `generate_series(0, ${KEYS - 1}) AS n`;
  const at = `to_timestamp(${startSeconds} + n) AT TIME ZONE 'UTC'`;
  await db().$executeRawUnsafe(
    `INSERT INTO "ApiKey" ("id","appId","projectId","environmentId","name","keyPrefix","keyHash","scopes","createdAt","createdBy")
     SELECT 'key_scale' || lpad(n::text, 8, '0'), $1, $2, CASE WHEN n % 2 = 0 THEN $3 ELSE $4 END, 'Customer ' || n,
            'lk_live_' || lpad(to_hex(n), 6, '0'), 'hash-' || n, '[]', ${at}, 'scale' FROM ${series}`,
    tenant.app_id,
    tenant.project_id,
    tenant.environments[0]!.id,
    tenant.environments[1]!.id,
  );
  await db().$executeRawUnsafe(
    `INSERT INTO "AuditEvent" ("id","teamId","appId","actorType","actorId","action","targetType","targetId","metadata","createdAt")
     SELECT 'aud_scale' || lpad(n::text, 8, '0'), $1, $2, 'system', 'scale', 'api_key.created', 'api_key',
            'key_scale' || lpad(n::text, 8, '0'), '{"name":"Customer ' || n || '"}', ${at} FROM ${series}`,
    tenant.team_id,
    tenant.app_id,
  );
}

/** A key prefix that no other key's contains: the number in hex, six digits. */
function prefixOf(n: number): string {
  return `lk_live_${n.toString(16).padStart(6, "0")}`;
}

// The live heap, after a collection: what the work holds, not the garbage it has not collected yet.
v8.setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
const liveHeap = () => (collect(), process.memoryUsage().heapUsed);

/** The live heap's growth over a baseline, in MB, sampled as the work goes. */
function heapWatch() {
  const base = liveHeap();
  let peak = base;
  return {
    sample: () => void (peak = Math.max(peak, liveHeap())),
    growthMb: () => (peak - base) / 1024 / 1024,
  };
}

describe(`a project of ${KEYS.toLocaleString("en")} keys`, () => {
  it("lists its keys a page at a time, and a walk of every page returns each key once", async () => {
    const route = restRoute("/v1/api-keys");
    const heap = heapWatch();
    const seen = new Set<string>();
    let url: string | null = `/v1/api-keys?project_id=${tenant.project_id}&limit=1000`;
    let pages = 0;
    while (url) {
      const response = await route.GET(new Request(`http://localhost${url}`, { headers: { authorization: `Bearer ${tenant.api_key}` } }), {
        params: Promise.resolve({}),
      });
      expect(response.status).toBe(200);
      const page = (await response.json()) as { id: string }[];
      expect(page.length).toBeLessThanOrEqual(1000);
      for (const key of page) seen.add(key.id);
      heap.sample();
      url = /^<([^>]+)>; rel="next"$/.exec(response.headers.get("link") ?? "")?.[1] ?? null;
      pages++;
    }
    expect(pages).toBe(KEYS / 1000);
    expect(seen.size).toBe(KEYS);
    expect(heap.growthMb()).toBeLessThan(HEAP_BUDGET_MB);
  }, 120_000);

  it("answers the first page with the default limit of 100", async () => {
    const response = await restRoute("/v1/api-keys").GET(
      new Request(`http://localhost/v1/api-keys?project_id=${tenant.project_id}`, {
        headers: { authorization: `Bearer ${tenant.api_key}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(((await response.json()) as unknown[]).length).toBe(100);
    expect(response.headers.get("link")).toMatch(/rel="next"/);
  });

  it("searches the console's table by name, prefix and id, counting no further than it must", async () => {
    const caller = { userId: owner.id, teamSlug: team.slug, request: { ipAddress: null, userAgent: null } };
    const list = (input: Record<string, unknown>) =>
      runOperation(caller, "listProjectKeys", { app_id: tenant.app_id, project_id: tenant.project_id, ...input });
    const all = await list({});
    expect(all).toMatchObject({ ok: true, data: { total: KEY_COUNT_LIMIT, total_capped: true, page_size: 25 } });
    if (!all.ok) return;
    expect(all.data.rows).toHaveLength(25);
    const byName = await list({ q: "Customer 99999" });
    expect(byName).toMatchObject({ ok: true, data: { total: 1, total_capped: false } });
    const byPrefix = await list({ q: prefixOf(1000) });
    expect(byPrefix.ok && byPrefix.data.rows.map((row) => row.name)).toEqual(["Customer 1000"]);
    const id = all.data.rows[3]!.id;
    const byId = await list({ q: id });
    expect(byId.ok && byId.data.rows.map((row) => row.id)).toEqual([id]);
    const deep = await list({ page: 2000, page_size: 50 });
    expect(deep).toMatchObject({ ok: true, data: { total: 100_000, total_capped: false } });
    expect(deep.ok && deep.data.rows).toHaveLength(50);
  });

  it("streams the audit export of 100,000 events without holding them", async () => {
    const caller = { userId: owner.id, teamSlug: team.slug, request: { ipAddress: null, userAgent: null } };
    const result = await runOperation(caller, "exportAuditEvents", { format: "csv", action: "api_key.created" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const heap = heapWatch();
    let lines = 0;
    let bytes = 0;
    let chunks = 0;
    for await (const chunk of result.data.body as AsyncIterable<string>) {
      bytes += chunk.length;
      for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) lines++;
      if (++chunks % 20 === 0) heap.sample();
    }
    expect(lines).toBe(KEYS + 1);
    expect(bytes).toBeGreaterThan(KEYS * 100);
    expect(heap.growthMb()).toBeLessThan(HEAP_BUDGET_MB);
  }, 120_000);

  it("disables and revokes 1,000 keys in one call each (the most one call takes), more than SQLite's parameter limit", async () => {
    const { bulkRevokeApiKeys, bulkSetEnabled } = await import("../lib/domain/keys/service");
    const scope = {
      teamId: tenant.team_id,
      appId: tenant.app_id,
      actor: { type: "system" as const, id: "scale" },
      request: { ipAddress: null, userAgent: null },
    };
    const ids = Array.from({ length: 1000 }, (_, n) => `key_scale${String(KEYS - 1000 + n).padStart(8, "0")}`);
    const disabled = await bulkSetEnabled(scope, { project_id: tenant.project_id, ids, enabled: false });
    expect(disabled.changed).toHaveLength(1000);
    const revoked = await bulkRevokeApiKeys(scope, { project_id: tenant.project_id, ids });
    expect(revoked).toEqual({ revoked: ids, has_more: false });
    expect(await db().apiKey.count({ where: { id: { in: ids.slice(0, 500) }, revokedAt: { not: null }, enabled: false } })).toBe(500);
    expect(await db().auditEvent.count({ where: { action: "api_key.revoked", targetId: { in: ids.slice(500) } } })).toBe(500);
  }, 120_000);
});
