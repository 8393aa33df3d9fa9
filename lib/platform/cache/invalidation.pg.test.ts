import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/test-db";

// The change feed on a real PostgreSQL server: an instance that loses its LISTEN connection
// must not answer from a cache that missed a change, and must not throw its cache away either.
const url = await createTestDatabase();

const { bootstrap } = await import("../../domain/bootstrap");
const { db, disconnectDb } = await import("../db");
const { createApiKey } = await import("../../domain/keys/service");
const { processVerifier } = await import("../../http/api/process-verifier");
const verifyApiKey = (...args: Parameters<ReturnType<typeof processVerifier>["verify"]>) => processVerifier().verify(...args);
const cacheStats = () => processVerifier().cache.stats();
const { FEED_APPLICATION_NAME, listenerState, startInvalidationListener, stopInvalidationListener } = await import("./invalidation");

afterAll(async () => {
  await stopInvalidationListener();
  await disconnectDb();
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition();) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the change feed", () => {
  it("catches up from the change log after it lost its connection: the missed revocation is applied, the rest of the cache is kept", async () => {
    startInvalidationListener();
    await until(() => listenerState()?.connected === true);
    const result = await bootstrap({ team: "Feed", app: "Feed app", project: "Feed project" });
    const scope = {
      teamId: result.team_id,
      appId: result.app_id,
      actor: { type: "system" as const, id: "test" },
      request: { ipAddress: null, userAgent: null },
    };
    const missed = await createApiKey(scope, { project_id: result.project_id, name: "revoked while the feed was away" });
    const kept = await createApiKey(scope, { project_id: result.project_id, name: "unchanged" });
    expect((await verifyApiKey(scope, { key: missed.plaintext })).code).toBe("VALID");
    expect((await verifyApiKey(scope, { key: kept.plaintext })).code).toBe("VALID");
    const loads = cacheStats().loads;
    expect(verifyApiKey(scope, { key: kept.plaintext })).toMatchObject({ code: "VALID" }); // from memory, no promise
    const { keyHash } = await db().apiKey.findUniqueOrThrow({ where: { id: missed.row.id }, select: { keyHash: true } });
    const before = listenerState()!;

    // Another instance revokes the key just after this instance's feed connection was cut: the
    // NOTIFY cannot reach it. One round trip, so the change commits before the feed reconnects.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '${FEED_APPLICATION_NAME}' AND pid <> pg_backend_pid();
      BEGIN;
      SELECT pg_advisory_xact_lock(7305001);
      UPDATE "ApiKey" SET "revokedAt" = now() WHERE "id" = '${missed.row.id}';
      INSERT INTO "KeyChange" ("kind", "keyId", "keyHash", "appId", "change") VALUES ('key', '${missed.row.id}', '${keyHash}', '${scope.appId}', 'revoked');
      SELECT pg_notify('latchkey_key_changes', currval('"KeyChange_seq_seq"') || '|${keyHash}');
      COMMIT;`);
    await other.end();

    await until(() => (listenerState()?.reconnects ?? 0) > before.reconnects && listenerState()?.connected === true);
    expect(listenerState()!.lastSeq).toBeGreaterThan(before.lastSeq ?? 0);
    expect((await verifyApiKey(scope, { key: missed.plaintext })).code).toBe("REVOKED");
    // The unchanged key is still answered from memory: the cache was not emptied.
    const loadsBefore = cacheStats().loads;
    expect(verifyApiKey(scope, { key: kept.plaintext })).toMatchObject({ code: "VALID" });
    expect(cacheStats().loads).toBe(loadsBefore);
    expect(loadsBefore).toBe(loads + 1); // only the revoked key was loaded again
  });
});
