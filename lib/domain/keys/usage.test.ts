import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../../test/helpers/test-db";

const databaseUrl = await createTestDatabase();

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb, onSqliteConnection } = await import("../../platform/db");
const { createApiKey, getApiKey, revokeApiKey, updateApiKey } = await import("./service");
const { flushUsage, processVerifier } = await import("../../http/api/process-verifier");
const verifyApiKey = (...args: Parameters<ReturnType<typeof processVerifier>["verify"]>) => processVerifier().verify(...args);
const { LAST_USED_RESOLUTION_MS } = await import("./usage-buffer");
const usage = () => processVerifier().usage;
const countVerification = (...args: Parameters<ReturnType<typeof usage>["countVerification"]>) => usage().countVerification(...args);
const touchApiKey = (id: string, at?: Date) => usage().touchApiKey(id, at);
const touchAppApiKey = (id: string, at?: Date) => usage().touchAppApiKey(id, at);
const { getKeyUsage, getProjectUsage } = await import("./usage-report");
import type { AppScope } from "../../core/scope";

afterEach(() => vi.useRealTimers());
afterAll(() => disconnectDb());

async function tenant(): Promise<AppScope & { projectId: string }> {
  const r = await bootstrap({ team: "Usage", app: "Usage", project: "Usage" });
  return {
    teamId: r.team_id,
    appId: r.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: null, userAgent: null },
    projectId: r.project_id,
  };
}

describe("verification counts", () => {
  it("count each outcome per key and hour, across flushes, and fill empty buckets with zeros", async () => {
    const scope = await tenant();
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-05-01T10:15:00Z") });
    const { row, plaintext } = await createApiKey(scope, { project_id: scope.projectId, name: "counted", scopes: ["read"] });
    await verifyApiKey(scope, { key: plaintext });
    await verifyApiKey(scope, { key: plaintext });
    await verifyApiKey(scope, { key: plaintext, scopes: ["write"] });
    await flushUsage();
    vi.setSystemTime(new Date("2026-05-01T12:05:00Z"));
    await verifyApiKey(scope, { key: plaintext });
    await revokeApiKey(scope, row.id);
    await verifyApiKey(scope, { key: plaintext });
    await flushUsage();
    await verifyApiKey(scope, { key: plaintext }); // a second flush adds to the same row
    await flushUsage();

    const usage = await getKeyUsage(scope, row.id, "24h");
    expect(usage.buckets).toHaveLength(24);
    expect(usage.buckets.at(-1)).toEqual({
      start: "2026-05-01T12:00:00.000Z",
      valid: 1,
      revoked: 2,
      expired: 0,
      disabled: 0,
      forbidden: 0,
      insufficient_scopes: 0,
      rate_limited: 0,
      usage_exceeded: 0,
    });
    expect(usage.buckets.at(-3)).toEqual({
      start: "2026-05-01T10:00:00.000Z",
      valid: 2,
      revoked: 0,
      expired: 0,
      disabled: 0,
      forbidden: 0,
      insufficient_scopes: 1,
      rate_limited: 0,
      usage_exceeded: 0,
    });
    expect(usage.buckets.at(-2)).toMatchObject({ valid: 0, revoked: 0 });
    expect(usage.totals).toEqual({
      valid: 3,
      revoked: 2,
      expired: 0,
      disabled: 0,
      forbidden: 0,
      insufficient_scopes: 1,
      rate_limited: 0,
      usage_exceeded: 0,
    });

    // A key with an allow-list, asked from outside it, then disabled; and a use from inside it, remembered with its user agent.
    const gated = await createApiKey(scope, { project_id: scope.projectId, name: "gated", ip_allowlist: ["10.0.0.0/8"] });
    expect((await verifyApiKey(scope, { key: gated.plaintext, ip: "192.0.2.1" })).code).toBe("FORBIDDEN");
    expect((await verifyApiKey(scope, { key: gated.plaintext })).code).toBe("FORBIDDEN");
    expect((await verifyApiKey(scope, { key: gated.plaintext, ip: "10.1.2.3", user_agent: "billing/2.1" })).code).toBe("VALID");
    await updateApiKey(scope, gated.row.id, { enabled: false });
    expect((await verifyApiKey(scope, { key: gated.plaintext, ip: "10.1.2.3" })).code).toBe("DISABLED");
    await flushUsage();
    const gatedUsage = await getKeyUsage(scope, gated.row.id, "24h");
    expect(gatedUsage.totals).toEqual({
      valid: 1,
      revoked: 0,
      expired: 0,
      disabled: 1,
      forbidden: 2,
      insufficient_scopes: 0,
      rate_limited: 0,
      usage_exceeded: 0,
    });
    const used = await getApiKey(scope, gated.row.id);
    expect([used.lastUsedIp, used.lastUsedUserAgent]).toEqual(["10.1.2.3", "billing/2.1"]);

    const monthly = await getKeyUsage(scope, row.id, "30d");
    expect(monthly.granularity).toBe("day");
    expect(monthly.buckets).toHaveLength(30);
    expect(monthly.buckets.at(-1)).toMatchObject({
      start: "2026-05-01T00:00:00.000Z",
      valid: 3,
      revoked: 2,
      insufficient_scopes: 1,
      rate_limited: 0,
      usage_exceeded: 0,
    });
  });

  it("add up a project's keys per bucket, and keep other apps' projects out", async () => {
    const scope = await tenant();
    const other = await tenant();
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-05-02T08:30:00Z") });
    const one = await createApiKey(scope, { project_id: scope.projectId, name: "one" });
    const two = await createApiKey(scope, { project_id: scope.projectId, name: "two" });
    const elsewhere = await createApiKey(other, { project_id: other.projectId, name: "elsewhere" });
    for (const key of [one.plaintext, two.plaintext, two.plaintext]) await verifyApiKey(scope, { key });
    await verifyApiKey(other, { key: elsewhere.plaintext });
    await revokeApiKey(scope, one.row.id);
    await verifyApiKey(scope, { key: one.plaintext });
    await flushUsage();

    const usage = await getProjectUsage(scope, scope.projectId, "7d");
    expect(usage.buckets).toHaveLength(168);
    expect(usage.buckets.at(-1)).toEqual({
      start: "2026-05-02T08:00:00.000Z",
      valid: 3,
      revoked: 1,
      expired: 0,
      disabled: 0,
      forbidden: 0,
      insufficient_scopes: 0,
      rate_limited: 0,
      usage_exceeded: 0,
    });
    expect(usage.totals).toEqual({
      valid: 3,
      revoked: 1,
      expired: 0,
      disabled: 0,
      forbidden: 0,
      insufficient_scopes: 0,
      rate_limited: 0,
      usage_exceeded: 0,
    });
    await expect(getProjectUsage(other, scope.projectId, "24h")).rejects.toMatchObject({ code: "not_found" });
  });

  it("count keys that were not found per app, without a key", async () => {
    const scope = await tenant();
    await verifyApiKey(scope, { key: "garbage" });
    await verifyApiKey(scope, { key: "more garbage" });
    await flushUsage();
    const rows = await db().verificationCount.findMany({ where: { appId: scope.appId, keyId: "" } });
    expect(rows.map((r) => [r.outcome, r.count])).toEqual([["malformed", 2]]);
  });
});

describe("the batched writer", () => {
  it("writes last_used_at and counts for more keys than one chunk, as Prisma itself would store them", async () => {
    const scope = await tenant();
    const project = await db().project.findFirstOrThrow({ where: { id: scope.projectId }, include: { environments: true } });
    const ids = Array.from({ length: 450 }, (_, i) => `key_batch${i}_${scope.appId}`);
    await db().apiKey.createMany({
      data: ids.map((id, i) => ({
        id,
        appId: scope.appId,
        projectId: scope.projectId,
        environmentId: project.environments[0]!.id,
        name: `batch ${i}`,
        keyPrefix: "lk_live_batch000",
        keyHash: `${id}-hash`,
        createdBy: "test",
      })),
    });
    const appKey = await db().appApiKey.findFirstOrThrow({ where: { appId: scope.appId } });
    const at = new Date("2026-06-01T09:41:07.123Z");
    ids.forEach((id, i) => {
      touchApiKey(id, new Date(at.getTime() + i));
      countVerification(scope.appId, scope.projectId, id, "valid", at);
    });
    countVerification(scope.appId, scope.projectId, ids[0]!, "valid", at);
    touchAppApiKey(appKey.id, at);
    const durability = () => onSqliteConnection((sqlite) => sqlite.pragma("synchronous", { simple: true }));
    const sqlite = !databaseUrl.startsWith("postgres");
    const before = sqlite ? await durability() : undefined;
    await flushUsage();
    // Usage commits skip the fsync; the connection's durability for everything else is restored.
    if (sqlite) expect(await durability()).toBe(before);
    countVerification(scope.appId, scope.projectId, ids[0]!, "valid", at); // a later flush adds to the same row
    await flushUsage();

    // Read back through Prisma: equal dates and a range query prove the stored format matches.
    const touched = await db().apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, lastUsedAt: true } });
    expect(touched).toHaveLength(ids.length);
    for (const key of touched) expect(key.lastUsedAt?.getTime()).toBe(at.getTime() + ids.indexOf(key.id));
    expect(await db().apiKey.count({ where: { id: { in: ids }, lastUsedAt: { gte: new Date(at.getTime() + 400) } } })).toBe(50);
    expect((await db().appApiKey.findUniqueOrThrow({ where: { id: appKey.id } })).lastUsedAt).toEqual(at);

    const counts = await db().verificationCount.findMany({ where: { appId: scope.appId, keyId: { in: ids } } });
    expect(counts).toHaveLength(ids.length);
    expect(counts.every((c) => c.hour.getTime() === new Date("2026-06-01T09:00:00Z").getTime() && c.outcome === "valid")).toBe(true);
    expect(counts.find((c) => c.keyId === ids[0])!.count).toBe(3);
    expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(ids.length + 2);
  });

  it("moves a busy key's last_used_at in steps of the resolution, and a quiet key's at once", async () => {
    const scope = await tenant();
    const { row } = await createApiKey(scope, { project_id: scope.projectId, name: "busy" });
    const lastUsed = async () => (await db().apiKey.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt?.getTime();
    const start = new Date("2026-07-01T12:00:00Z").getTime();
    touchApiKey(row.id, new Date(start));
    await flushUsage();
    expect(await lastUsed()).toBe(start);
    touchApiKey(row.id, new Date(start + LAST_USED_RESOLUTION_MS - 1)); // within the step: not rewritten
    await flushUsage();
    expect(await lastUsed()).toBe(start);
    touchApiKey(row.id, new Date(start + LAST_USED_RESOLUTION_MS));
    await flushUsage();
    expect(await lastUsed()).toBe(start + LAST_USED_RESOLUTION_MS);
  });
});
