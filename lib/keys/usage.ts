import "server-only";
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

type Buffer = {
  apiKeys: Map<string, Date>;
  appApiKeys: Map<string, Date>;
  counts: Map<string, Count>;
  timer?: NodeJS.Timeout;
  flushing?: Promise<void>;
};

const globalForUsage = globalThis as unknown as { latchkeyUsage?: Buffer };
const buffer: Buffer = (globalForUsage.latchkeyUsage ??= { apiKeys: new Map(), appApiKeys: new Map(), counts: new Map() });

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
  buffer.apiKeys.set(id, at);
  schedule();
}

export function touchAppApiKey(id: string, at: Date = new Date()): void {
  buffer.appApiKeys.set(id, at);
  schedule();
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
const SQLITE_CHUNK = 250;

const TOUCH_SQL = {
  ApiKey: `UPDATE "ApiKey" SET "lastUsedAt" = ? WHERE "id" = ?`,
  AppApiKey: `UPDATE "AppApiKey" SET "lastUsedAt" = ? WHERE "id" = ?`,
};
const COUNT_SQL = `INSERT INTO "VerificationCount" ("id", "appId", "projectId", "keyId", "hour", "outcome", "count") VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT ("appId", "keyId", "hour", "outcome") DO UPDATE SET "count" = "VerificationCount"."count" + excluded."count"`;

/**
 * Runs `sql` with each item's values, a chunk per transaction, letting requests in between chunks.
 * These commits skip the fsync (synchronous=NORMAL, safe from corruption in WAL mode): usage
 * is best effort, already held in memory for a second, and an fsync on this synchronous
 * connection would stall every request. Key changes keep the connection's full durability.
 */
async function inSqliteChunks<T>(items: T[], sql: string, values: (item: T) => unknown[]): Promise<void> {
  for (let i = 0; i < items.length; i += SQLITE_CHUNK) {
    const chunk = items.slice(i, i + SQLITE_CHUNK);
    await onSqliteConnection((sqlite) => {
      const statement = preparedStatement(sqlite, sql);
      const durability = sqlite.pragma("synchronous", { simple: true }) as number;
      sqlite.pragma("synchronous = NORMAL");
      try {
        sqlite.transaction(() => chunk.forEach((item) => statement.run(...values(item))))();
      } finally {
        sqlite.pragma(`synchronous = ${durability}`);
      }
    });
  }
}

async function writeLastUsed(table: "ApiKey" | "AppApiKey", entries: [string, Date][]): Promise<void> {
  if (entries.length === 0) return;
  if (env().DATABASE_PROVIDER === "sqlite") {
    return inSqliteChunks(entries, TOUCH_SQL[table], ([id, at]) => [toSqliteTime(at), id]);
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
    return inSqliteChunks(counts, COUNT_SQL, (c) => [newId("verificationCount"), c.appId, c.projectId, c.keyId, toSqliteTime(c.hour), c.outcome, c.count]);
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

