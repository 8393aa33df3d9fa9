import { z } from "./zod";
import { textSchema } from "./schemas";

// Rate limits and credits on project keys (issue 17): their schemas, and the arithmetic every
// store shares (lib/platform/limits/: in memory, in Redis, in the database).
//
// Rate limits use a sliding window counter. Each limit keeps the count of the current window
// (aligned to the epoch: a multiple of window_seconds) and of the one before; a request of cost
// c is allowed when  previous × (1 − elapsed fraction of the current window) + current + c ≤ limit.
// So no aligned window ever admits more than `limit`, and a window sliding across a boundary
// admits at most what the weighting allows (it assumes the previous window's uses were spread
// evenly: in the worst case, all at its very end, a sliding window sees up to 2 × limit).
//
// Credits are a balance: a verification of cost c needs c left, and takes it. A refill sets the
// balance to the refill's amount at the start of each UTC day or month, once (whoever sees the
// new period first: a verification or the scheduler, by a conditional update).

export const MAX_RATE_LIMITS = 5;
export const MAX_COST = 1000;
export const MAX_CREDITS = 1_000_000_000;

export const rateLimitSchema = z.strictObject({
  name: textSchema()
    .min(1, "must not be empty")
    .max(64, "must be at most 64 characters")
    .regex(/^[A-Za-z0-9_.:-]+$/, "may contain only letters, digits and _ . : -"),
  limit: z.int("must be a whole number").min(1, "must be at least 1").max(MAX_CREDITS, `must be at most ${MAX_CREDITS}`),
  window_seconds: z.int("must be a whole number of seconds").min(1, "must be from 1 to 86400").max(86_400, "must be from 1 to 86400"),
});
export type RateLimit = z.output<typeof rateLimitSchema>;

export const rateLimitsSchema = z
  .array(rateLimitSchema)
  .max(MAX_RATE_LIMITS, `at most ${MAX_RATE_LIMITS} rate limits`)
  .refine((limits) => new Set(limits.map((l) => l.name)).size === limits.length, "each rate limit needs its own name");

export const REFILL_INTERVALS = ["daily", "monthly"] as const;
export type RefillInterval = (typeof REFILL_INTERVALS)[number];

const amountSchema = z.int("must be a whole number").min(0, "must be at least 0").max(MAX_CREDITS, `must be at most ${MAX_CREDITS}`);

export const creditsSchema = z.strictObject({
  remaining: amountSchema,
  refill: z.strictObject({ amount: amountSchema.min(1, "must be at least 1"), interval: z.enum(REFILL_INTERVALS) }).optional(),
});
export type CreditsInput = z.output<typeof creditsSchema>;

export const creditsOperationSchema = z.strictObject({
  op: z.enum(["set", "increment", "decrement"]),
  amount: amountSchema,
});
export type CreditsOperation = z.output<typeof creditsOperationSchema>;

export const costSchema = z.int("must be a whole number").min(0, "must be from 0 to 1000").max(MAX_COST, "must be from 0 to 1000");

/** What a verification asks of the limits: the key's counter, its limits, whether it has credits, and the cost. */
export type LimitCheck = { counterId: string; rateLimits: readonly RateLimit[]; credits: boolean; cost: number; now: number };

export type RateLimitState = { name: string; limit: number; remaining: number; reset_at: string };
export type LimitVerdict = {
  code: "VALID" | "RATE_LIMITED" | "USAGE_EXCEEDED";
  rate_limits: RateLimitState[];
  credits_remaining: number | null;
};

/** A credits balance with what its refill needs. */
export type Balance = { remaining: number; refillAmount: number | null; refillInterval: RefillInterval | null; refilledAt: number };

/** The start (epoch ms) of the UTC period `at` is in. */
export function periodStart(interval: RefillInterval, at: number): number {
  const date = new Date(at);
  return interval === "daily"
    ? Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
    : Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** The next refill after `at`, or null without one. */
export function nextRefill(interval: RefillInterval | null, at: number): Date | null {
  if (!interval) return null;
  const date = new Date(periodStart(interval, at));
  return interval === "daily"
    ? new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1))
    : new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

/** What is left of a balance at `now`: a refill that is due counts as done. */
export function remainingNow(balance: Balance, now: number): number {
  return refilled(balance, now).balance.remaining;
}

/** The balance as of `now`: refilled when a period began since the last refill (the caller writes that down). */
export function refilled(balance: Balance, now: number): { balance: Balance; refilled: boolean } {
  if (!balance.refillInterval || balance.refillAmount === null) return { balance, refilled: false };
  const start = periodStart(balance.refillInterval, now);
  if (balance.refilledAt >= start) return { balance, refilled: false };
  return { balance: { ...balance, remaining: balance.refillAmount, refilledAt: now }, refilled: true };
}

/** One limit's window counts: the window's index and the counts of it and of the one before. */
export type WindowCounts = { index: number; current: number; previous: number };

/** The counts as of `now`'s window (older windows are dropped). */
export function windowAt(counts: WindowCounts | undefined, windowMs: number, now: number): WindowCounts {
  const index = Math.floor(now / windowMs);
  if (!counts || counts.index < index - 1) return { index, current: 0, previous: 0 };
  if (counts.index === index - 1) return { index, current: 0, previous: counts.current };
  return counts;
}

/** Whether a cost fits, and what would remain after it (or now, when it does not fit). */
export function slidingWindow(
  counts: WindowCounts,
  limit: RateLimit,
  cost: number,
  now: number,
): { allowed: boolean; state: RateLimitState } {
  const windowMs = limit.window_seconds * 1000;
  const elapsed = (now - counts.index * windowMs) / windowMs;
  const weighted = Math.floor(counts.previous * (1 - elapsed)) + counts.current;
  const allowed = weighted + cost <= limit.limit;
  return { allowed, state: windowState(limit, allowed ? weighted + cost : weighted, now) };
}

/** A limit's state for the answer: what is left of it after `used`, and when its current window ends. */
export function windowState(limit: RateLimit, used: number, now: number): RateLimitState {
  const windowMs = limit.window_seconds * 1000;
  return {
    name: limit.name,
    limit: limit.limit,
    remaining: Math.max(0, limit.limit - used),
    reset_at: new Date((Math.floor(now / windowMs) + 1) * windowMs).toISOString(),
  };
}

/** The verdict of a check whose rate limits all allowed (or not), given the credits outcome. */
export function limitVerdict(
  states: RateLimitState[],
  rateLimited: boolean,
  credits: { ok: boolean; remaining: number } | null,
): LimitVerdict {
  return {
    code: rateLimited ? "RATE_LIMITED" : credits && !credits.ok ? "USAGE_EXCEEDED" : "VALID",
    rate_limits: states,
    credits_remaining: credits ? credits.remaining : null,
  };
}
