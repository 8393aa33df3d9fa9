import "server-only";
import type BetterSqlite3 from "better-sqlite3";
import { db, onSqliteConnection, preparedStatement, toSqliteTime } from "../db";
import { env } from "../env";
import { Prisma } from "../db/generated/sqlite/client";
import { newId } from "../ids";

// Verification must not wait on a write. last_used_at and the hourly outcome counters are
// buffered in memory and written in one batch per second, and on shutdown (cli/serve.ts).
// The console and the API read them at most a second or two late.

const FLUSH_INTERVAL_MS = 1000;

export type VerificationOutcome = "valid" | "revoked" | "expired" | "insufficient_scopes" | "not_found" | "malformed";

type Count = { appId: string; projectId: string; keyId: string; hour: Date; outcome: VerificationOutcome; count: number };

/**
 * A key in constant use would otherwise have its row rewritten every second, and those writes,
 * scattered over the keys table, cost more than the verifications themselves (measured: a third
 * of the verify throughput with 2,000 busy keys). So last_used_at moves in steps of at most
 * this much: a key's first use after a quiet spell shows within a second or two, and a key in
 * constant use reads at most this far behind.
 */
export const LAST_USED_RESOLUTION_MS = 30_000;

type Buffer = {
  apiKeys: Map<string, Date>;
  appApiKeys: Map<string, Date>;
  counts: Map<string, Count>;
  /** The last_used_at each key last had written, in ms, so that a newer one within the resolution is skipped. */
  written: Map<string, number>;
  prunedAt: number;
  timer?: NodeJS.Timeout;
  flushing?: Promise<void>;
};

const globalForUsage = globalThis as unknown as { latchkeyUsage?: Buffer };
const buffer: Buffer = (globalForUsage.latchkeyUsage ??= { apiKeys: new Map(), appApiKeys: new Map(), counts: new Map(), written: new Map(), prunedAt: 0 });

function touch(pending: Map<string, Date>, id: string, at: Date): void {
  if (at.getTime() - (buffer.written.get(id) ?? -Infinity) < LAST_USED_RESOLUTION_MS) return;
  pending.set(id, at);
  schedule();
}

/** Remembers what was written, and forgets entries too old to skip anything any more. */
function noteWritten(entries: [string, Date][], now: number): void {
  for (const [id, at] of entries) buffer.written.set(id, at.getTime());
  if (now - buffer.prunedAt < LAST_USED_RESOLUTION_MS) return;
  buffer.prunedAt = now;
  for (const [id, at] of buffer.written) if (now - at >= LAST_USED_RESOLUTION_MS) buffer.written.delete(id);
}

function schedule(): void {
  if (buffer.timer) return;
  buffer.timer = setTimeout(() => {
    buffer.timer = undefined;
    void flushUsage().catch((error: unknown) => {
      console.error("usage flush failed:", error instanceof Error ? error.message : error);
    });
  }, FLUSH_INTERVAL_MS);
  buffer.timer.unref();
}

export function touchApiKey(id: string, at: Date = new Date()): void {
  touch(buffer.apiKeys, id, at);
}

export function touchAppApiKey(id: string, at: Date = new Date()): void {
  touch(buffer.appApiKeys, id, at);
}

const HOUR_MS = 3_600_000;

/** Counts one verification. `keyId` and `projectId` are "" when no key was found. */
export function countVerification(appId: string, projectId: string, keyId: string, outcome: VerificationOutcome, at: Date): void {
  addCount({ appId, projectId, keyId, hour: new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS), outcome, count: 1 });
  schedule();
}

function addCount(c: Count): void {
  const id = `${c.appId}|${c.keyId}|${c.hour.getTime()}|${c.outcome}`;
  const entry = buffer.counts.get(id);
  if (entry) entry.count += c.count;
  else buffer.counts.set(id, { ...c });
}

// Under load the buffer holds thousands of keys a second. One Prisma query per key, or one
// query carrying thousands of parameters, costs more CPU than the verifications themselves
// (Prisma compiles every query, raw ones included). So the batch goes to the database the
// cheap way each one offers: prepared statements on SQLite, array parameters on PostgreSQL.

/** Rows per turn on the SQLite connection: each turn blocks the event loop for a few milliseconds. */
const SQLITE_CHUNK = 100;

const TOUCH_SQL = {
  ApiKey: `UPDATE "ApiKey" SET "lastUsedAt" = ? WHERE "id" = ?`,
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

async function writeLastUsed(table: "ApiKey" | "AppApiKey", entries: [string, Date][]): Promise<void> {
  if (entries.length === 0) return;
  if (env().DATABASE_PROVIDER === "sqlite") {
    return inSqliteChunks(entries, (sqlite, [id, at]) => preparedStatement(sqlite, TOUCH_SQL[table]).run(toSqliteTime(at), id));
  }
  const ids = entries.map(([id]) => id);
  const times = entries.map(([, at]) => at.toISOString());
  await db().$executeRaw`UPDATE ${Prisma.raw(`"${table}"`)} AS k SET "lastUsedAt" = v.at
    FROM unnest(${ids}::text[], ${times}::timestamp(3)[]) AS v(id, at) WHERE k."id" = v.id`;
}

/** Adds the buffered counts to their hourly rows, creating the rows that do not exist yet. */
async function writeCounts(counts: Count[]): Promise<void> {
  if (counts.length === 0) return;
  if (env().DATABASE_PROVIDER === "sqlite") {
    return inSqliteChunks(counts, (sqlite, c) => {
      const hour = toSqliteTime(c.hour);
      const { changes } = preparedStatement(sqlite, ADD_COUNT_SQL).run(c.count, c.appId, c.keyId, hour, c.outcome);
      if (changes === 0) preparedStatement(sqlite, INSERT_COUNT_SQL).run(newId("verificationCount"), c.appId, c.projectId, c.keyId, hour, c.outcome, c.count);
    });
  }
  const column = <T>(pick: (c: Count) => T) => counts.map(pick);
  await db().$executeRaw`INSERT INTO "VerificationCount" ("id", "appId", "projectId", "keyId", "hour", "outcome", "count")
    SELECT * FROM unnest(${column(() => newId("verificationCount"))}::text[], ${column((c) => c.appId)}::text[], ${column((c) => c.projectId)}::text[],
      ${column((c) => c.keyId)}::text[], ${column((c) => c.hour.toISOString())}::timestamp(3)[], ${column((c) => c.outcome)}::text[], ${column((c) => c.count)}::int[])
    ON CONFLICT ("appId", "keyId", "hour", "outcome") DO UPDATE SET "count" = "VerificationCount"."count" + excluded."count"`;
}

/** Writes everything buffered. Called by the timer, and on shutdown. */
export async function flushUsage(): Promise<void> {
  await buffer.flushing;
  const apiKeys = [...buffer.apiKeys];
  const appApiKeys = [...buffer.appApiKeys];
  const counts = [...buffer.counts.values()];
  buffer.apiKeys.clear();
  buffer.appApiKeys.clear();
  buffer.counts.clear();
  if (apiKeys.length === 0 && appApiKeys.length === 0 && counts.length === 0) return;
  buffer.flushing = Promise.all([writeLastUsed("ApiKey", apiKeys), writeLastUsed("AppApiKey", appApiKeys), writeCounts(counts)]).then(() => undefined);
  try {
    await buffer.flushing;
    noteWritten(apiKeys, Date.now());
    noteWritten(appApiKeys, Date.now());
  } catch (error) {
    // Put the timestamps back, unless a newer one arrived meanwhile, and try again later.
    for (const [id, at] of apiKeys) if (!buffer.apiKeys.has(id)) buffer.apiKeys.set(id, at);
    for (const [id, at] of appApiKeys) if (!buffer.appApiKeys.has(id)) buffer.appApiKeys.set(id, at);
    // A failed batch may have written some chunks; counting them again beats losing them all.
    for (const c of counts) addCount(c);
    schedule();
    throw error;
  } finally {
    buffer.flushing = undefined;
  }
}

