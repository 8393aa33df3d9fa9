import "server-only";
import { db } from "../db";
import { env } from "../env";
import { Prisma } from "../db/generated/sqlite/client";

// Verification must not wait on a write, so last_used_at is buffered in memory and written
// in one batch per second. The console and the API read it at most a second or two late.

const FLUSH_INTERVAL_MS = 1000;

type Buffer = {
  apiKeys: Map<string, Date>;
  appApiKeys: Map<string, Date>;
  timer?: NodeJS.Timeout;
  flushing?: Promise<void>;
};

const globalForUsage = globalThis as unknown as { latchkeyLastUsed?: Buffer };
const buffer: Buffer = (globalForUsage.latchkeyLastUsed ??= { apiKeys: new Map(), appApiKeys: new Map() });

function schedule(): void {
  if (buffer.timer) return;
  buffer.timer = setTimeout(() => {
    buffer.timer = undefined;
    void flushLastUsed().catch((error: unknown) => {
      console.error("last_used_at flush failed:", error instanceof Error ? error.message : error);
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

const CHUNK = 500;

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

/** Writes every buffered timestamp. Called by the timer, and on shutdown. */
export async function flushLastUsed(): Promise<void> {
  await buffer.flushing;
  const apiKeys = [...buffer.apiKeys];
  const appApiKeys = [...buffer.appApiKeys];
  buffer.apiKeys.clear();
  buffer.appApiKeys.clear();
  if (apiKeys.length === 0 && appApiKeys.length === 0) return;
  buffer.flushing = Promise.all([writeLastUsed("ApiKey", apiKeys), writeLastUsed("AppApiKey", appApiKeys)]).then(() => undefined);
  try {
    await buffer.flushing;
  } catch (error) {
    // Put the timestamps back, unless a newer one arrived meanwhile, and try again later.
    for (const [id, at] of apiKeys) if (!buffer.apiKeys.has(id)) buffer.apiKeys.set(id, at);
    for (const [id, at] of appApiKeys) if (!buffer.appApiKeys.has(id)) buffer.appApiKeys.set(id, at);
    schedule();
    throw error;
  } finally {
    buffer.flushing = undefined;
  }
}
