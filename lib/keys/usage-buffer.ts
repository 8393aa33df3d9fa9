// Verification must not wait on a write. last_used_at and the hourly outcome counters are
// buffered here, in memory, and handed on in one batch a second: to the database by
// lib/keys/usage.ts, or, on the front thread, to the main thread, which writes them with its
// own (lib/front/thread.ts). This module holds no database client, so the verify path loads none.

import { describeError, logLimited } from "../log";
import { processSingleton } from "../registry";

const FLUSH_INTERVAL_MS = 1000;

export type VerificationOutcome = "valid" | "revoked" | "expired" | "insufficient_scopes" | "not_found" | "malformed";

export type Count = { appId: string; projectId: string; keyId: string; hour: Date; outcome: VerificationOutcome; count: number };

/** What a flush takes out of the buffer: plain data, so that it can cross to another thread. */
export type UsageBatch = { apiKeys: [string, Date][]; appApiKeys: [string, Date][]; counts: Count[] };

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
  /** The last_used_at each key last had handed on, in ms, so that a newer one within the resolution is skipped. */
  written: Map<string, number>;
  prunedAt: number;
  timer?: NodeJS.Timeout;
  /** Where the timer sends the buffer: the database unless the thread says otherwise. */
  flush?: () => Promise<void>;
};

// From the process registry: Next's bundle and the custom server's module graph share one buffer.
const buffer: Buffer = processSingleton("usage-buffer", () => ({ apiKeys: new Map(), appApiKeys: new Map(), counts: new Map(), written: new Map(), prunedAt: 0 }));

const toDatabase = async () => (await import("./usage")).flushUsage();

/** Makes the timer hand the buffer to `flush` instead of the database (the front thread's bridge). */
export function flushBufferWith(flush: () => Promise<void>): void {
  buffer.flush = flush;
}

function schedule(): void {
  if (buffer.timer) return;
  buffer.timer = setTimeout(() => {
    buffer.timer = undefined;
    void (buffer.flush ?? toDatabase)().catch((error: unknown) => {
      // Kept for the next flush; through an outage, one line per window (lib/log.ts).
      logLimited("usage-flush-failed", "warn", { error: describeError(error) }, "usage flush failed: kept for the next one");
    });
  }, FLUSH_INTERVAL_MS);
  buffer.timer.unref();
}

function touch(pending: Map<string, Date>, id: string, at: Date): void {
  if (at.getTime() - (buffer.written.get(id) ?? -Infinity) < LAST_USED_RESOLUTION_MS) return;
  const buffered = pending.get(id);
  if (!buffered || buffered < at) pending.set(id, at);
  schedule();
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

/** Empties the buffer into a batch, for a flush. */
export function takeBuffered(): UsageBatch {
  const batch = { apiKeys: [...buffer.apiKeys], appApiKeys: [...buffer.appApiKeys], counts: [...buffer.counts.values()] };
  buffer.apiKeys.clear();
  buffer.appApiKeys.clear();
  buffer.counts.clear();
  return batch;
}

export function isEmpty(batch: UsageBatch): boolean {
  return batch.apiKeys.length === 0 && batch.appApiKeys.length === 0 && batch.counts.length === 0;
}

/**
 * Adds a batch to the buffer: one that failed to be written (put back, to try again), or one
 * handed over by another thread. Newer timestamps buffered meanwhile win; counts add up.
 */
export function addBuffered(batch: UsageBatch): void {
  for (const [id, at] of batch.apiKeys) touchApiKey(id, at);
  for (const [id, at] of batch.appApiKeys) touchAppApiKey(id, at);
  for (const c of batch.counts) addCount(c);
  if (batch.counts.length > 0) schedule();
}

/** Remembers what was handed on, and forgets entries too old to skip anything any more. */
export function noteWritten(batch: UsageBatch, now: number = Date.now()): void {
  for (const [id, at] of [...batch.apiKeys, ...batch.appApiKeys]) buffer.written.set(id, at.getTime());
  if (now - buffer.prunedAt < LAST_USED_RESOLUTION_MS) return;
  buffer.prunedAt = now;
  for (const [id, at] of buffer.written) if (now - at >= LAST_USED_RESOLUTION_MS) buffer.written.delete(id);
}
