import "server-only";
import { serverMetrics } from "../../platform/metrics";
import type BetterSqlite3 from "better-sqlite3";
import { db, onSqliteConnection, preparedStatement, toSqliteTime } from "../../platform/db";
import { env } from "../../core/env";
import { newId } from "../../core/ids";
import { type Count, isEmpty, type Touch, type UsageBuffer } from "./usage-buffer";

// Writes the usage buffer (lib/domain/keys/usage-buffer.ts) to the database: on the buffer's timer,
// and on shutdown (cli/serve.ts). The console and the API read it at most a second or two late.

// Under load the buffer holds thousands of keys a second. One Prisma query per key, or one
// query carrying thousands of parameters, costs more CPU than the verifications themselves
// (Prisma compiles every query, raw ones included). So the batch goes to the database the
// cheap way each one offers: prepared statements on SQLite, array parameters on PostgreSQL.

/** Rows per turn on the SQLite connection: each turn blocks the event loop for a few milliseconds. */
const SQLITE_CHUNK = 100;

// A use without an address or user agent (the caller did not send them) keeps the ones before.
// A use also ends the key's idle spell, so that the stale-key policy warns again before the next one.
const TOUCH_SQL = {
  ApiKey: `UPDATE "ApiKey" SET "lastUsedAt" = ?, "lastUsedIp" = COALESCE(?, "lastUsedIp"), "lastUsedUserAgent" = COALESCE(?, "lastUsedUserAgent"), "staleWarningAt" = NULL WHERE "id" = ?`,
  AppApiKey: `UPDATE "AppApiKey" SET "lastUsedAt" = ? WHERE "id" = ?`,
};
// Most flushes add to an hour's row that exists: try the plain UPDATE first (measured about
// half the cost of an upsert, and no new id to make), and INSERT only for a new row.
const ADD_COUNT_SQL = `UPDATE "VerificationCount" SET "count" = "count" + ? WHERE "appId" = ? AND "keyId" = ? AND "hour" = ? AND "outcome" = ?`;
const INSERT_COUNT_SQL = `INSERT INTO "VerificationCount" ("id", "appId", "projectId", "keyId", "hour", "outcome", "count") VALUES (?, ?, ?, ?, ?, ?, ?)`;

/**
 * Runs `write` for each item, a chunk per transaction, letting requests in between chunks.
 * These commits skip the fsync (synchronous=NORMAL, safe from corruption in WAL mode): usage
 * is best effort, already held in memory for a second, and an fsync on this synchronous
 * connection would stall every request. Key changes keep the connection's full durability.
 */
async function inSqliteChunks<T>(items: T[], write: (sqlite: BetterSqlite3.Database, item: T) => void): Promise<void> {
  for (let i = 0; i < items.length; i += SQLITE_CHUNK) {
    // Back to the event loop between chunks: awaiting a resolved promise alone stays in the
    // microtask queue, and the chunks would run back to back while requests wait.
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    const chunk = items.slice(i, i + SQLITE_CHUNK);
    await onSqliteConnection((sqlite) => {
      const durability = sqlite.pragma("synchronous", { simple: true }) as number;
      sqlite.pragma("synchronous = NORMAL");
      try {
        sqlite.transaction(() => chunk.forEach((item) => write(sqlite, item)))();
      } finally {
        sqlite.pragma(`synchronous = ${durability}`);
      }
    });
  }
}

async function writeLastUsed(table: "ApiKey" | "AppApiKey", entries: Touch[]): Promise<void> {
  if (entries.length === 0) return;
  if (env().DATABASE_PROVIDER === "sqlite") {
    return inSqliteChunks(entries, (sqlite, [id, at, ip, userAgent]) => {
      const statement = preparedStatement(sqlite, TOUCH_SQL[table]);
      if (table === "ApiKey") statement.run(toSqliteTime(at), ip ?? null, userAgent ?? null, id);
      else statement.run(toSqliteTime(at), id);
    });
  }
  const ids = entries.map(([id]) => id);
  const times = entries.map(([, at]) => at.toISOString());
  if (table === "AppApiKey") {
    await db().$executeRaw`UPDATE "AppApiKey" AS k SET "lastUsedAt" = v.at
      FROM unnest(${ids}::text[], ${times}::timestamp(3)[]) AS v(id, at) WHERE k."id" = v.id`;
    return;
  }
  const ips = entries.map(([, , ip]) => ip ?? null);
  const agents = entries.map(([, , , userAgent]) => userAgent ?? null);
  await db().$executeRaw`UPDATE "ApiKey" AS k SET "lastUsedAt" = v.at, "lastUsedIp" = COALESCE(v.ip, k."lastUsedIp"),
      "lastUsedUserAgent" = COALESCE(v.ua, k."lastUsedUserAgent"), "staleWarningAt" = NULL
    FROM unnest(${ids}::text[], ${times}::timestamp(3)[], ${ips}::text[], ${agents}::text[]) AS v(id, at, ip, ua) WHERE k."id" = v.id`;
}

/** Adds the buffered counts to their hourly rows, creating the rows that do not exist yet. */
async function writeCounts(counts: Count[]): Promise<void> {
  if (counts.length === 0) return;
  if (env().DATABASE_PROVIDER === "sqlite") {
    return inSqliteChunks(counts, (sqlite, c) => {
      const hour = toSqliteTime(c.hour);
      const { changes } = preparedStatement(sqlite, ADD_COUNT_SQL).run(c.count, c.appId, c.keyId, hour, c.outcome);
      if (changes === 0)
        preparedStatement(sqlite, INSERT_COUNT_SQL).run(
          newId("verificationCount"),
          c.appId,
          c.projectId,
          c.keyId,
          hour,
          c.outcome,
          c.count,
        );
    });
  }
  const column = <T>(pick: (c: Count) => T) => counts.map(pick);
  await db().$executeRaw`INSERT INTO "VerificationCount" ("id", "appId", "projectId", "keyId", "hour", "outcome", "count")
    SELECT * FROM unnest(${column(() => newId("verificationCount"))}::text[], ${column((c) => c.appId)}::text[], ${column((c) => c.projectId)}::text[],
      ${column((c) => c.keyId)}::text[], ${column((c) => c.hour.toISOString())}::timestamp(3)[], ${column((c) => c.outcome)}::text[], ${column((c) => c.count)}::int[])
    ON CONFLICT ("appId", "keyId", "hour", "outcome") DO UPDATE SET "count" = "VerificationCount"."count" + excluded."count"`;
}

/** Writes everything `buffer` holds: the sink of the main thread's usage buffer (lib/http/api/verifier.ts). */
export async function writeUsage(buffer: UsageBuffer): Promise<void> {
  const batch = buffer.take();
  if (isEmpty(batch)) return;
  const [apiKeys, appApiKeys, counts] = await Promise.allSettled([
    writeLastUsed("ApiKey", batch.apiKeys),
    writeLastUsed("AppApiKey", batch.appApiKeys),
    writeCounts(batch.counts),
  ]);
  // Put back what failed, to try again later (timestamps unless a newer one arrived meanwhile).
  // A part that was written is not: its counts would be added twice. A failed part may still
  // have written some of its chunks; counting those again beats losing them all.
  const failed = {
    apiKeys: apiKeys.status === "rejected" ? batch.apiKeys : [],
    appApiKeys: appApiKeys.status === "rejected" ? batch.appApiKeys : [],
    counts: counts.status === "rejected" ? batch.counts : [],
  };
  buffer.noteWritten({
    apiKeys: apiKeys.status === "fulfilled" ? batch.apiKeys : [],
    appApiKeys: appApiKeys.status === "fulfilled" ? batch.appApiKeys : [],
    counts: [],
  });
  if (isEmpty(failed)) return void serverMetrics.usageFlushed.set(Date.now() / 1000);
  buffer.add(failed);
  throw [apiKeys, appApiKeys, counts].find((result) => result.status === "rejected")!.reason;
}
