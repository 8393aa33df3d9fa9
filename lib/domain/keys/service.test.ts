import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestSqliteDatabase } from "../../../test/helpers/test-db";

createTestSqliteDatabase();

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb } = await import("../../platform/db");
const { createApiKey, getApiKey, listApiKeys, revokeApiKey, updateApiKey } = await import("./service");
const { rotateApiKey } = await import("./rotate");
const { flushUsage, processVerifier } = await import("../../http/api/process-verifier");
const verifyApiKey = (...args: Parameters<ReturnType<typeof processVerifier>["verify"]>) => processVerifier().verify(...args);
const { DomainError } = await import("../../core/errors");
import type { AppScope } from "../../core/scope";

let a: AppScope & { projectId: string; testEnvId: string };
let b: AppScope & { projectId: string };

async function tenant(name: string) {
  const result = await bootstrap({ team: name, app: `${name} app`, project: `${name} project` });
  const scope: AppScope = {
    teamId: result.team_id,
    appId: result.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: "127.0.0.1", userAgent: "vitest" },
  };
  return { ...scope, projectId: result.project_id, testEnvId: result.environments.find((e) => e.name === "development")!.id };
}

beforeAll(async () => {
  a = await tenant("Alpha");
  b = await tenant("Beta");
});
afterEach(() => vi.useRealTimers());
afterAll(() => disconnectDb());

async function domainCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return "resolved";
}

describe("createApiKey", () => {
  it("defaults to the live environment, and a test environment gives an lk_test_ key", async () => {
    const live = await createApiKey(a, { project_id: a.projectId, name: "live" });
    expect(live.plaintext).toMatch(/^lk_live_/);
    const test = await createApiKey(a, { project_id: a.projectId, name: "test", environment_id: a.testEnvId });
    expect(test.plaintext).toMatch(/^lk_test_/);
    expect(test.row.environmentId).toBe(a.testEnvId);
  });

  it("stores the hash only, and writes one audit row in the same transaction", async () => {
    const { row, plaintext } = await createApiKey(a, { project_id: a.projectId, name: "audited", scopes: ["read"] });
    const raw = await db().apiKey.findUniqueOrThrow({ where: { id: row.id } });
    expect(JSON.stringify(raw)).not.toContain(plaintext);
    const audit = await db().auditEvent.findMany({ where: { targetId: row.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "api_key.created",
      teamId: a.teamId,
      appId: a.appId,
      actorId: "test",
      ipAddress: "127.0.0.1",
    });
    expect(audit[0]!.metadata).not.toContain(plaintext);
  });

  it("sets next_rotation_at from the interval", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-01-01T00:00:00Z") });
    const { row } = await createApiKey(a, { project_id: a.projectId, name: "rotating", rotation_interval_days: 30 });
    expect(row.nextRotationAt?.toISOString()).toBe("2026-01-31T00:00:00.000Z");
  });

  it("keeps the key's own scheduled-rotation grace, carries it through a rotation, and clears it with null", async () => {
    const { row } = await createApiKey(a, { project_id: a.projectId, name: "own grace", rotation_grace_period_seconds: 7200 });
    expect(row.rotationGracePeriodSeconds).toBe(7200);
    const rotated = await rotateApiKey(a, row.id, {});
    expect(rotated.created.rotationGracePeriodSeconds).toBe(7200);
    expect((await updateApiKey(a, rotated.created.id, { rotation_grace_period_seconds: null })).rotationGracePeriodSeconds).toBeNull();
  });

  it("refuses another app's project and another project's environment, writing nothing", async () => {
    const before = await db().auditEvent.count();
    expect(await domainCode(createApiKey(b, { project_id: a.projectId, name: "x" }))).toBe("not_found");
    expect(await domainCode(createApiKey(b, { project_id: b.projectId, name: "x", environment_id: a.testEnvId }))).toBe("invalid_request");
    expect(await domainCode(createApiKey(a, { project_id: a.projectId, name: "x", expires_at: new Date(Date.now() - 1000) }))).toBe(
      "invalid_request",
    );
    expect(await db().auditEvent.count()).toBe(before);
  });
});

describe("tenant isolation", () => {
  it("reads another app's key as not found, for every operation", async () => {
    const { row, plaintext } = await createApiKey(a, { project_id: a.projectId, name: "private" });
    expect(await domainCode(getApiKey(b, row.id))).toBe("not_found");
    expect(await domainCode(updateApiKey(b, row.id, { name: "stolen" }))).toBe("not_found");
    expect(await domainCode(rotateApiKey(b, row.id, {}))).toBe("not_found");
    expect(await domainCode(revokeApiKey(b, row.id))).toBe("not_found");
    expect(await domainCode(listApiKeys(b, a.projectId, { limit: 10 }))).toBe("not_found");
    expect((await verifyApiKey(b, { key: plaintext })).code).toBe("NOT_FOUND");
    expect((await verifyApiKey(a, { key: plaintext })).code).toBe("VALID");
    expect((await getApiKey(a, row.id)).name).toBe("private");
  });
});

describe("rotateApiKey", () => {
  it("keeps the old key valid through the grace period, then refuses it", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-01T00:00:00Z") });
    const { row, plaintext: oldKey } = await createApiKey(a, { project_id: a.projectId, name: "rotate me", scopes: ["read", "write"] });
    const rotated = await rotateApiKey(a, row.id, { grace_period_seconds: 3600 });
    expect(rotated.old.graceExpiresAt?.toISOString()).toBe("2026-03-01T01:00:00.000Z");
    expect(rotated.created).toMatchObject({
      name: "rotate me",
      scopes: JSON.stringify(["read", "write"]),
      environmentId: row.environmentId,
    });

    vi.setSystemTime(new Date("2026-03-01T00:59:59Z"));
    expect((await verifyApiKey(a, { key: oldKey })).code).toBe("VALID");
    expect((await verifyApiKey(a, { key: rotated.plaintext })).code).toBe("VALID");

    vi.setSystemTime(new Date("2026-03-01T01:00:00Z"));
    expect(await verifyApiKey(a, { key: oldKey })).toMatchObject({ valid: false, code: "EXPIRED", key_id: row.id });
    expect((await verifyApiKey(a, { key: rotated.plaintext })).code).toBe("VALID");
  });

  it("with no grace period, ends the old key at once", async () => {
    const { row, plaintext } = await createApiKey(a, { project_id: a.projectId, name: "no grace" });
    await rotateApiKey(a, row.id, {});
    expect((await verifyApiKey(a, { key: plaintext })).valid).toBe(false);
  });

  it("carries a fixed expiry over unchanged (not moved by the time since creation), and carries the policy", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-04-01T00:00:00Z") });
    const { row } = await createApiKey(a, {
      project_id: a.projectId,
      name: "policy",
      expires_at: new Date("2026-05-01T00:00:00Z"),
      rotation_interval_days: 7,
      rotation_webhook_url: "https://example.com/hook",
    });
    vi.setSystemTime(new Date("2026-04-10T00:00:00Z"));
    const { created } = await rotateApiKey(a, row.id, {});
    expect(created.expiresAt?.toISOString()).toBe("2026-05-01T00:00:00.000Z");
    expect(created.nextRotationAt?.toISOString()).toBe("2026-04-17T00:00:00.000Z");
    expect(created.rotationWebhookUrl).toBe("https://example.com/hook");
    expect((await getApiKey(a, row.id)).nextRotationAt).toBeNull();
    // Rotated again later, the chain still ends on the same date.
    vi.setSystemTime(new Date("2026-04-20T00:00:00Z"));
    const again = await rotateApiKey(a, created.id, {});
    expect(again.created.expiresAt?.toISOString()).toBe("2026-05-01T00:00:00.000Z");
  });

  it("caps a fixed expiry at the project's maximum lifetime from the rotation, and derives one for a key without", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-06-01T00:00:00Z") });
    const long = await createApiKey(a, { project_id: a.projectId, name: "long", expires_at: new Date("2027-06-01T00:00:00Z") });
    const forever = await createApiKey(a, { project_id: a.projectId, name: "forever" });
    await db().project.update({ where: { id: a.projectId }, data: { maxKeyLifetimeDays: 30 } });
    try {
      vi.setSystemTime(new Date("2026-06-10T00:00:00Z"));
      expect((await rotateApiKey(a, long.row.id, {})).created.expiresAt?.toISOString()).toBe("2026-07-10T00:00:00.000Z");
      expect((await rotateApiKey(a, forever.row.id, {})).created.expiresAt?.toISOString()).toBe("2026-07-10T00:00:00.000Z");
    } finally {
      await db().project.update({ where: { id: a.projectId }, data: { maxKeyLifetimeDays: null } });
    }
  });

  it("lets exactly one of several concurrent rotations win", async () => {
    const { row } = await createApiKey(a, { project_id: a.projectId, name: "race" });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => rotateApiKey(a, row.id, { grace_period_seconds: 60 })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().apiKey.count({ where: { projectId: a.projectId, name: "race" } })).toBe(2);
  });

  it("refuses revoked, expired and already rotated keys with their own codes", async () => {
    const revoked = await createApiKey(a, { project_id: a.projectId, name: "r" });
    await revokeApiKey(a, revoked.row.id);
    expect(await domainCode(rotateApiKey(a, revoked.row.id, {}))).toBe("key_revoked");

    const rotated = await createApiKey(a, { project_id: a.projectId, name: "twice" });
    await rotateApiKey(a, rotated.row.id, { grace_period_seconds: 60 });
    expect(await domainCode(rotateApiKey(a, rotated.row.id, {}))).toBe("key_rotated");

    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-01-01T00:00:00Z") });
    const expiring = await createApiKey(a, { project_id: a.projectId, name: "e", expires_at: new Date("2026-01-02T00:00:00Z") });
    vi.setSystemTime(new Date("2026-01-03T00:00:00Z"));
    expect(await domainCode(rotateApiKey(a, expiring.row.id, {}))).toBe("key_expired");
  });
});

describe("revokeApiKey", () => {
  it("ends a key in its grace period at once, and is idempotent without a second audit row", async () => {
    const { row, plaintext } = await createApiKey(a, { project_id: a.projectId, name: "leaked" });
    await rotateApiKey(a, row.id, { grace_period_seconds: 86_400 });
    expect((await verifyApiKey(a, { key: plaintext })).valid).toBe(true);
    await revokeApiKey(a, row.id);
    await revokeApiKey(a, row.id);
    expect((await verifyApiKey(a, { key: plaintext })).code).toBe("REVOKED");
    expect(await db().auditEvent.count({ where: { targetId: row.id, action: "api_key.revoked" } })).toBe(1);
  });
});

describe("updateApiKey", () => {
  it("records before and after values, and recomputes the rotation schedule", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-02-01T00:00:00Z") });
    const { row } = await createApiKey(a, { project_id: a.projectId, name: "old name" });
    const updated = await updateApiKey(a, row.id, { name: "new name", scopes: ["a", "b"], rotation_interval_days: 10 });
    expect(updated.nextRotationAt?.toISOString()).toBe("2026-02-11T00:00:00.000Z");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { targetId: row.id, action: "api_key.updated" } });
    expect(JSON.parse(audit.metadata)).toMatchObject({
      before: { name: "old name", scopes: [] },
      after: { name: "new name", scopes: ["a", "b"] },
    });
    const cleared = await updateApiKey(a, row.id, { rotation_interval_days: null });
    expect(cleared.nextRotationAt).toBeNull();
  });

  it("refuses to change a revoked key", async () => {
    const { row } = await createApiKey(a, { project_id: a.projectId, name: "gone" });
    await revokeApiKey(a, row.id);
    expect(await domainCode(updateApiKey(a, row.id, { name: "back" }))).toBe("key_revoked");
  });
});

describe("verifyApiKey", () => {
  it("checks scopes, and refuses a malformed key", async () => {
    const { plaintext } = await createApiKey(a, { project_id: a.projectId, name: "scoped", scopes: ["read"] });
    expect((await verifyApiKey(a, { key: plaintext, scopes: ["read"] })).code).toBe("VALID");
    expect(await verifyApiKey(a, { key: plaintext, scopes: ["read", "write"] })).toMatchObject({
      valid: false,
      code: "INSUFFICIENT_SCOPES",
      scopes: ["read"],
    });
    expect((await verifyApiKey(a, { key: `${plaintext.slice(0, -1)}${plaintext.endsWith("0") ? "1" : "0"}` })).code).toBe("MALFORMED");
  });

  it("updates last_used_at through the batched writer", async () => {
    const { row, plaintext } = await createApiKey(a, { project_id: a.projectId, name: "used" });
    const before = Date.now();
    await verifyApiKey(a, { key: plaintext });
    await flushUsage();
    const lastUsedAt = (await getApiKey(a, row.id)).lastUsedAt!.getTime();
    expect(lastUsedAt).toBeGreaterThanOrEqual(before - 1);
    expect(lastUsedAt).toBeLessThanOrEqual(Date.now());
    // Stored in the same format as Prisma's own writes, so SQL comparisons order it correctly.
    expect(await db().apiKey.count({ where: { id: row.id, lastUsedAt: { gte: new Date(before - 1) } } })).toBe(1);
  });
});
