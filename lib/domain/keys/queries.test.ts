import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/test-db";

await createTestDatabase();

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb } = await import("../../platform/db");
const { createApiKey } = await import("./service");
const { rotateApiKey } = await import("./rotate");
const { getRotationChain, listProjectKeys, listProjectScopes } = await import("./queries");
const { listProjectKeysQuerySchema } = await import("./schemas");
const { KEY_STATUSES, keyStatus } = await import("./state");
const { DomainError } = await import("../../core/errors");
import type { AppScope } from "../../core/scope";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let a: AppScope & { projectId: string; testEnvId: string };
let b: AppScope & { projectId: string };
const query = (input: Record<string, unknown> = {}) => listProjectKeysQuerySchema.parse(input);

async function tenant(name: string) {
  const result = await bootstrap({ team: name, app: `${name} app`, project: `${name} project` });
  const scope: AppScope = {
    teamId: result.team_id,
    appId: result.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: null, userAgent: null },
  };
  return { ...scope, projectId: result.project_id, testEnvId: result.environments.find((e) => e.name === "development")!.id };
}

async function key(name: string, data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const { row } = await createApiKey(a, { project_id: a.projectId, name, ...extra });
  return db().apiKey.update({ where: { id: row.id }, data });
}

beforeAll(async () => {
  a = await tenant("Alpha");
  b = await tenant("Beta");
  const now = Date.now();
  await key("plain active", { lastUsedAt: new Date(now - HOUR) }, { scopes: ["read:users", "write:users"] });
  await key("far expiry", { expiresAt: new Date(now + 30 * DAY) }, { scopes: ["read:users"] });
  await key("expiring in two days", { expiresAt: new Date(now + 2 * DAY) });
  await key("already expired", { expiresAt: new Date(now - DAY) });
  await key("revoked", { revokedAt: new Date(now - HOUR) });
  await key("in grace", { replacedByKeyId: "key_elsewhere", graceExpiresAt: new Date(now + HOUR) });
  await key("grace over", { replacedByKeyId: "key_elsewhere", graceExpiresAt: new Date(now - HOUR) });
  await key("revoked and expired", { revokedAt: new Date(now - HOUR), expiresAt: new Date(now - DAY) });
  await key("Test env key", {}, { environment_id: a.testEnvId, scopes: ["admin:*"] });
  await key("switched off", { enabled: false, disabledAt: new Date(now - HOUR), disabledReason: "manual" });
  await key("switched off in grace", { enabled: false, replacedByKeyId: "key_elsewhere", graceExpiresAt: new Date(now + HOUR) });
  await key("switched off, revoked", { enabled: false, revokedAt: new Date(now - HOUR) });
});
afterAll(() => disconnectDb());

describe("listProjectKeys", () => {
  it("filters by status exactly as the console's badges classify each key", async () => {
    const now = new Date();
    const all = (await listProjectKeys(a, a.projectId, query({ page_size: 100 }), now)).rows;
    expect(all).toHaveLength(12);
    for (const status of KEY_STATUSES) {
      const filtered = await listProjectKeys(a, a.projectId, query({ status, page_size: 100 }), now);
      const expected = all
        .filter((k) => keyStatus(k, now) === status)
        .map((k) => k.name)
        .sort();
      expect(filtered.rows.map((k) => k.name).sort(), status).toEqual(expected);
      expect(filtered.total).toBe(expected.length);
      expect(expected.length, `${status} has a case`).toBeGreaterThan(0);
    }
  });

  it("searches names without regard to case, and finds a key by its prefix or id", async () => {
    const byName = await listProjectKeys(a, a.projectId, query({ q: "EXPIR" }));
    expect(byName.rows.map((k) => k.name).sort()).toEqual(["already expired", "expiring in two days", "far expiry", "revoked and expired"]);
    const target = byName.rows[0]!;
    for (const q of [target.keyPrefix, target.keyPrefix.slice("lk_live_".length)]) {
      const byPrefix = await listProjectKeys(a, a.projectId, query({ q }));
      expect(byPrefix.rows.map((k) => k.id)).toEqual([target.id]);
    }
    const byId = await listProjectKeys(a, a.projectId, query({ q: target.id }));
    expect(byId.rows.map((k) => k.id)).toEqual([target.id]);
  });

  it("finds a key when its whole plaintext is pasted, by its prefix, and only in the caller's app", async () => {
    const { row, plaintext } = await createApiKey(a, { project_id: a.projectId, name: "pasted whole" });
    for (const q of [plaintext, `  ${plaintext}  `, plaintext.slice(0, 30)]) {
      const found = await listProjectKeys(a, a.projectId, query({ q }));
      expect(
        found.rows.map((k) => k.id),
        `${q.length} characters`,
      ).toEqual([row.id]);
    }
    // Another app's caller pasting the same key finds nothing.
    expect((await listProjectKeys(b, b.projectId, query({ q: plaintext }))).rows).toEqual([]);
    await db().apiKey.delete({ where: { id: row.id } });
  });

  it("reduces a pasted key to its key_prefix before it is searched, and leaves other text alone", async () => {
    const { keySearchTerm } = await import("./search-term");
    const { generateKey } = await import("../../core/crypto/key-secret");
    for (const kind of ["app", "live", "test"] as const) {
      const key = generateKey(kind);
      expect(keySearchTerm(key.plaintext)).toBe(key.prefix);
      expect(keySearchTerm(` ${key.plaintext.slice(0, key.prefix.length + 1)}\n`)).toBe(key.prefix);
      expect(keySearchTerm(key.prefix)).toBe(key.prefix);
    }
    for (const text of ["billing backend", "lk_live_abc", "key_0123456789", "lk_prod_ABCDEFGH12345"])
      expect(keySearchTerm(text)).toBe(text);
    // The console's query schema reduces it at the boundary, before anything else sees it.
    const key = generateKey("test");
    expect(listProjectKeysQuerySchema.parse({ q: key.plaintext }).q).toBe(key.prefix);
  });

  it("filters by environment, sorts with empty values last either way, and pages", async () => {
    const testOnly = await listProjectKeys(a, a.projectId, query({ environment_id: a.testEnvId }));
    expect(testOnly.rows.map((k) => k.name)).toEqual(["Test env key"]);

    for (const dir of ["asc", "desc"] as const) {
      const sorted = (await listProjectKeys(a, a.projectId, query({ sort: "expires_at", dir, page_size: 100 }))).rows;
      const withExpiry = sorted.filter((k) => k.expiresAt);
      expect(sorted.slice(0, withExpiry.length)).toEqual(withExpiry);
      const times = withExpiry.map((k) => k.expiresAt!.getTime());
      expect(times).toEqual([...times].sort((x, y) => (dir === "asc" ? x - y : y - x)));
    }

    const page1 = await listProjectKeys(a, a.projectId, query({ sort: "name", dir: "asc", page_size: 25, page: 1 }));
    expect(page1.total).toBe(12);
    const names = page1.rows.map((k) => k.name);
    expect(names).toEqual([...names].sort((x, y) => (x < y ? -1 : 1)));
    const page2 = await listProjectKeys(a, a.projectId, query({ page_size: 25, page: 2 }));
    expect(page2.rows).toEqual([]);
    expect(page2.total).toBe(12);
  });

  it("reads another app's project as not found", async () => {
    await expect(listProjectKeys(b, a.projectId, query())).rejects.toBeInstanceOf(DomainError);
    await expect(listProjectKeys(a, b.projectId, query())).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses an unknown status, sort or page size at the boundary", () => {
    expect(listProjectKeysQuerySchema.safeParse({ status: "deleted" }).success).toBe(false);
    expect(listProjectKeysQuerySchema.safeParse({ sort: "key_hash" }).success).toBe(false);
    expect(listProjectKeysQuerySchema.safeParse({ page_size: "1000" }).success).toBe(false);
    expect(listProjectKeysQuerySchema.parse({ q: "", status: "", page: "2" })).toMatchObject({ q: undefined, status: undefined, page: 2 });
  });
});

describe("listProjectScopes", () => {
  it("lists each scope used in the project once, and nothing from other apps", async () => {
    expect(await listProjectScopes(a, a.projectId)).toEqual(["admin:*", "read:users", "write:users"]);
    expect(await listProjectScopes(b, a.projectId)).toEqual([]);
  });
});

describe("getRotationChain", () => {
  it("lists the keys a key replaced and its replacements, oldest first, from any link", async () => {
    const { row: first } = await createApiKey(a, { project_id: a.projectId, name: "chain" });
    const second = (await rotateApiKey(a, first.id, { grace_period_seconds: 3600 })).created;
    const third = (await rotateApiKey(a, second.id, {})).created;
    for (const id of [first.id, second.id, third.id]) {
      expect((await getRotationChain(a, id)).map((k) => k.id)).toEqual([first.id, second.id, third.id]);
    }
    await expect(getRotationChain(b, second.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
