// Verification must not wait on a write. last_used_at and the hourly outcome counters are
// buffered here, in memory, and handed on in one batch a second: to the database by
// lib/domain/keys/usage.ts, or, on the front thread, to the main thread, which writes them with its
// own (lib/http/front/thread.ts). This module holds no database client, so the verify path loads none:
// where a buffer goes is given when it is made (lib/http/api/verifier.ts).

import { describeError, logLimited } from "../../core/log";

const FLUSH_INTERVAL_MS = 1000;

export type VerificationOutcome =
  | "valid"
  | "revoked"
  | "expired"
  | "disabled"
  | "forbidden"
  | "insufficient_scopes"
  | "rate_limited"
  | "usage_exceeded"
  | "not_found"
  | "malformed";

export type Count = { appId: string; projectId: string; keyId: string; hour: Date; outcome: VerificationOutcome; count: number };

/** A key's last use: when, and (project keys, when the caller said) from which address and user agent. */
export type Touch = [id: string, at: Date, ip?: string | null, userAgent?: string | null];

/** What a flush takes out of the buffer: plain data, so that it can cross to another thread. */
export type UsageBatch = { apiKeys: Touch[]; appApiKeys: Touch[]; counts: Count[] };

/**
 * A key in constant use would otherwise have its row rewritten every second, and those writes,
 * scattered over the keys table, cost more than the verifications themselves (measured: a third
 * of the verify throughput with 2,000 busy keys). So last_used_at moves in steps of at most
 * this much: a key's first use after a quiet spell shows within a second or two, and a key in
 * constant use reads at most this far behind.
 */
export const LAST_USED_RESOLUTION_MS = 30_000;

const HOUR_MS = 3_600_000;

export function isEmpty(batch: UsageBatch): boolean {
  return batch.apiKeys.length === 0 && batch.appApiKeys.length === 0 && batch.counts.length === 0;
}

export class UsageBuffer {
  readonly #apiKeys = new Map<string, Touch>();
  readonly #appApiKeys = new Map<string, Touch>();
  readonly #counts = new Map<string, Count>();
  /** The last_used_at each key last had handed on, in ms, so that a newer one within the resolution is skipped. */
  readonly #written = new Map<string, number>();
  #prunedAt = 0;
  #timer?: NodeJS.Timeout;
  /** Flushes run one after another. */
  #flushes: Promise<void> = Promise.resolve();

  /** `sink` takes the buffer's contents once a second (with take()): to the database, or to another thread. */
  constructor(readonly sink: (buffer: UsageBuffer) => Promise<void>) {}

  /** Hands everything buffered to the sink now, after any flush in progress. */
  flush(): Promise<void> {
    const flush = this.#flushes.then(() => this.sink(this));
    this.#flushes = flush.catch(() => undefined);
    return flush;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush().catch((error: unknown) => {
        // Kept for the next flush; through an outage, one line per window (lib/core/log.ts).
        logLimited("usage-flush-failed", "warn", { error: describeError(error) }, "usage flush failed: kept for the next one");
      });
    }, FLUSH_INTERVAL_MS);
    this.#timer.unref();
  }

  #touch(pending: Map<string, Touch>, touch: Touch): void {
    const [id, at] = touch;
    if (at.getTime() - (this.#written.get(id) ?? -Infinity) < LAST_USED_RESOLUTION_MS) return;
    const buffered = pending.get(id);
    // A later use without an address or user agent keeps the ones before, as the database write does.
    if (!buffered || buffered[1] < at) pending.set(id, buffered ? [id, at, touch[2] ?? buffered[2], touch[3] ?? buffered[3]] : touch);
    this.#schedule();
  }

  /** A valid verification of a project key, from `ip` with `userAgent` when the caller gave them (verify's ip and user_agent). */
  touchApiKey(id: string, at: Date = new Date(), ip: string | null = null, userAgent: string | null = null): void {
    this.#touch(this.#apiKeys, ip === null && userAgent === null ? [id, at] : [id, at, ip, userAgent]);
  }

  touchAppApiKey(id: string, at: Date = new Date()): void {
    this.#touch(this.#appApiKeys, [id, at]);
  }

  /** Counts one verification (or `count` of them). `keyId` and `projectId` are "" when no key was found. */
  countVerification(appId: string, projectId: string, keyId: string, outcome: VerificationOutcome, at: Date, count = 1): void {
    this.#addCount({ appId, projectId, keyId, hour: new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS), outcome, count });
    this.#schedule();
  }

  #addCount(c: Count): void {
    const id = `${c.appId}|${c.keyId}|${c.hour.getTime()}|${c.outcome}`;
    const entry = this.#counts.get(id);
    if (entry) entry.count += c.count;
    else this.#counts.set(id, { ...c });
  }

  /** Empties the buffer into a batch, for a flush. */
  take(): UsageBatch {
    const batch = { apiKeys: [...this.#apiKeys.values()], appApiKeys: [...this.#appApiKeys.values()], counts: [...this.#counts.values()] };
    this.#apiKeys.clear();
    this.#appApiKeys.clear();
    this.#counts.clear();
    return batch;
  }

  /**
   * Adds a batch to the buffer: one that failed to be written (put back, to try again), or one
   * handed over by another thread. Newer timestamps buffered meanwhile win; counts add up.
   */
  add(batch: UsageBatch): void {
    for (const touch of batch.apiKeys) this.#touch(this.#apiKeys, touch);
    for (const touch of batch.appApiKeys) this.#touch(this.#appApiKeys, touch);
    for (const c of batch.counts) this.#addCount(c);
    if (batch.counts.length > 0) this.#schedule();
  }

  /** Remembers what was handed on, and forgets entries too old to skip anything any more. */
  noteWritten(batch: UsageBatch, now: number = Date.now()): void {
    for (const [id, at] of [...batch.apiKeys, ...batch.appApiKeys]) this.#written.set(id, at.getTime());
    if (now - this.#prunedAt < LAST_USED_RESOLUTION_MS) return;
    this.#prunedAt = now;
    for (const [id, at] of this.#written) if (now - at >= LAST_USED_RESOLUTION_MS) this.#written.delete(id);
  }
}
