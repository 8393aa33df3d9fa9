import "server-only";
import { db } from "../db";
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

const CHUNK = 500;

/** Adds the buffered counts to their hourly rows, creating the rows that do not exist yet. */
async function writeCounts(counts: Count[]): Promise<void> {
  for (let i = 0; i < counts.length; i += CHUNK) {
    const rows = counts
      .slice(i, i + CHUNK)
      .map((c) => Prisma.sql`(${newId("verificationCount")}, ${c.appId}, ${c.projectId}, ${c.keyId}, ${c.hour}, ${c.outcome}, ${c.count})`);
    await db().$executeRaw`INSERT INTO "VerificationCount" ("id", "appId", "projectId", "keyId", "hour", "outcome", "count")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("appId", "keyId", "hour", "outcome") DO UPDATE SET "count" = "VerificationCount"."count" + excluded."count"`;
  }
}

/**
 * One UPDATE per 500 keys rather than one per key: under load the buffer holds thousands of
 * keys a second, and a Prisma call each would cost more CPU than the verifications themselves.
 */
async function writeLastUsed(table: "ApiKey" | "AppApiKey", entries: [string, Date][]): Promise<void> {
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    // Postgres cannot infer a parameter's type inside CASE; SQLite has no such cast.
    const cast = env().DATABASE_PROVIDER === "postgresql" ? Prisma.raw("::timestamp(3)") : Prisma.empty;
    const cases = Prisma.join(chunk.map(([id, at]) => Prisma.sql`WHEN ${id} THEN ${at}${cast}`), " ");
    const ids = Prisma.join(chunk.map(([id]) => id));
    await db().$executeRaw`UPDATE ${Prisma.raw(`"${table}"`)} SET "lastUsedAt" = CASE "id" ${cases} END WHERE "id" IN (${ids})`;
  }
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

