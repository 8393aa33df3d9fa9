import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/test-db";

// The durable change log, on SQLite and (through scripts/test.mjs) on PostgreSQL.
await createTestDatabase();

const { bootstrap } = await import("../../domain/bootstrap");
const { db, disconnectDb, transaction } = await import("../db");
const { createApiKey, revokeApiKey, updateApiKey } = await import("../../domain/keys/service");
const { rotateApiKey } = await import("../../domain/keys/rotate");
const { createAppApiKey, deleteAppApiKey } = await import("../../domain/app-keys/service");
const { changesSince, logBounds, parseNotification, pruneChangeLog, recordKeyChanges } = await import("./change-log");
import type { AppScope } from "../../core/scope";

afterAll(() => disconnectDb());

async function tenant(name: string) {
  const result = await bootstrap({ team: name, app: `${name} app`, project: `${name} project` });
  const scope: AppScope = {
    teamId: result.team_id,
    appId: result.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: null, userAgent: null },
  };
  return { scope, projectId: result.project_id };
}

describe("the change log", () => {
  it("records every change to a verification record, per app, in order, with no secret", async () => {
    const { scope, projectId } = await tenant("Log");
    const other = await tenant("Other log");
    const start = (await logBounds()).newest ?? 0;
    const key = await createApiKey(scope, { project_id: projectId, name: "logged" });
    await updateApiKey(scope, key.row.id, { scopes: ["a:read"] });
    const rotated = await rotateApiKey(scope, key.row.id, { grace_period_seconds: 60 });
    await revokeApiKey(scope, rotated.created.id);
    const appKey = await createAppApiKey(scope, { name: "temp", role: "verifier" });
    await deleteAppApiKey(scope, appKey.row.id);
    const foreign = await createApiKey(other.scope, { project_id: other.projectId, name: "foreign" });
    await revokeApiKey(other.scope, foreign.row.id);

    const changes = await changesSince(scope.appId, start, 100);
    expect(changes.map((c) => [c.kind, c.keyId, c.change])).toEqual([
      ["key", key.row.id, "updated"],
      ["key", key.row.id, "rotated"],
      ["key", rotated.created.id, "created"],
      ["key", rotated.created.id, "revoked"],
      ["app_key", appKey.row.id, "deleted"],
    ]);
    const seqs = changes.map((c) => c.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    // Nothing of another app, and no plaintext anywhere in the rows.
    expect(changes.every((c) => c.appId === scope.appId)).toBe(true);
    const rows = JSON.stringify(await db().keyChange.findMany({ where: { seq: { gt: start } } }));
    for (const secret of [key.plaintext, rotated.plaintext, appKey.plaintext]) expect(rows).not.toContain(secret);
    expect((await changesSince(other.scope.appId, start, 100)).map((c) => c.change)).toEqual(["revoked"]);
  });

  it("numbers changes in the order their transactions commit, even when they inserted in the other order", async () => {
    const { scope } = await tenant("Order");
    const committed: string[] = [];
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    const change = (keyId: string) => ({ kind: "key" as const, keyId, keyHash: `hash_${keyId}`, appId: scope.appId, change: "updated" });
    // The first transaction logs its change, then waits before it commits; the second logs and
    // commits meanwhile if it can. On PostgreSQL without the commit-order lock, the first would
    // hold the lower number but commit second, and a reader between the two commits would skip it.
    const first = transaction(async (tx) => {
      await recordKeyChanges(tx, [change("first")]);
      await Promise.race([firstMayCommit, new Promise((resolve) => setTimeout(resolve, 500))]);
    }).then(() => committed.push("first"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = transaction((tx) => recordKeyChanges(tx, [change("second")])).then(() => {
      committed.push("second");
      releaseFirst();
    });
    await Promise.all([first, second]);
    const rows = await db().keyChange.findMany({ where: { appId: scope.appId }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.keyId)).toEqual(committed);
  });

  it("prunes what is older than the retention, and keeps the rest", async () => {
    const { scope } = await tenant("Prune");
    const now = new Date();
    await db().keyChange.create({
      data: {
        kind: "key",
        keyId: "key_old",
        keyHash: "h_old",
        appId: scope.appId,
        change: "revoked",
        createdAt: new Date(now.getTime() - 25 * 3_600_000),
      },
    });
    await db().keyChange.create({
      data: { kind: "key", keyId: "key_new", keyHash: "h_new", appId: scope.appId, change: "revoked", createdAt: now },
    });
    expect(await pruneChangeLog(now, 24)).toBeGreaterThanOrEqual(1);
    expect((await db().keyChange.findMany({ where: { appId: scope.appId } })).map((r) => r.keyId)).toEqual(["key_new"]);
  });

  it("reads notifications: a sequence number and hashes, everything, or 'read the log'", () => {
    expect(parseNotification("12|aa,bb")).toEqual({ seq: 12, hashes: ["aa", "bb"] });
    expect(parseNotification("13|*")).toEqual({ seq: 13, hashes: "all" });
    expect(parseNotification("14|?")).toEqual({ seq: 14, hashes: "log" });
    expect(parseNotification("garbage")).toBeNull();
    expect(parseNotification("|aa")).toBeNull();
  });
});
