import { type LimitCheck, type RateLimitState, slidingWindow, type WindowCounts, windowAt } from "../../core/limits";

// Rate-limit windows in this process's memory (lib/core/limits.ts has the algorithm): exact
// for one instance. Bounded: an entry whose windows have both passed is worth nothing and is
// dropped by a sweep, and past MAX_ENTRIES the least recently used goes first (its key then
// starts a fresh window: it fails open, never closed).

const MAX_ENTRIES = 500_000;
const SWEEP_EVERY_MS = 10_000;

type Entry = WindowCounts & { windowMs: number };

export type Reservation = { allowed: boolean; states: RateLimitState[]; refund(): void };

export class WindowTable {
  readonly #entries = new Map<string, Entry>();
  #sweptAt = 0;

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Checks every limit of `check` and, when all allow its cost, takes it from each (all or
   * nothing: a refused request consumes nothing). `refund` gives it back, for a request that a
   * later check (its credits) refused.
   */
  reserve(check: LimitCheck): Reservation {
    const { now, cost } = check;
    this.#sweep(now);
    const keys = check.rateLimits.map((limit) => `${check.counterId}\u0000${limit.name}\u0000${limit.window_seconds}`);
    const counts = check.rateLimits.map((limit, i) => windowAt(this.#entries.get(keys[i]!), limit.window_seconds * 1000, now));
    const results = check.rateLimits.map((limit, i) => slidingWindow(counts[i]!, limit, cost, now));
    const allowed = results.every((r) => r.allowed);
    if (!allowed) {
      const states = check.rateLimits.map((limit, i) => slidingWindow(counts[i]!, limit, 0, now).state);
      return { allowed, states, refund: () => undefined };
    }
    const taken = check.rateLimits.map((limit, i) => {
      const entry: Entry = { ...counts[i]!, current: counts[i]!.current + cost, windowMs: limit.window_seconds * 1000 };
      this.#entries.delete(keys[i]!); // most recently used last
      this.#entries.set(keys[i]!, entry);
      return entry;
    });
    while (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    return {
      allowed,
      states: results.map((r) => r.state),
      refund: () => {
        for (const entry of taken) entry.current = Math.max(0, entry.current - cost);
      },
    };
  }

  #sweep(now: number): void {
    if (now - this.#sweptAt < SWEEP_EVERY_MS) return;
    this.#sweptAt = now;
    for (const [key, entry] of this.#entries) if (Math.floor(now / entry.windowMs) > entry.index + 1) this.#entries.delete(key);
  }
}
