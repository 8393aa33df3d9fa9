import "server-only";

// A fixed-window counter per key, in process memory: enough to slow down guessing (invite
// tokens, sign-in attempts) on one instance. Several instances each keep their own count.

type Window = { count: number; resetAt: number };
const globalForLimits = globalThis as unknown as { latchkeyRateLimits?: Map<string, Window> };
const windows = (globalForLimits.latchkeyRateLimits ??= new Map());

/** Counts one attempt; false once `limit` attempts were made within `windowMs`. */
export function allowAttempt(key: string, limit: number, windowMs: number, now = Date.now()): boolean {
  const current = windows.get(key);
  if (!current || current.resetAt <= now) {
    if (windows.size > 100_000) windows.clear(); // bounded: forgets everything rather than grow
    windows.set(key, { count: 1, resetAt: now + windowMs });
    return true;
  }
  current.count++;
  return current.count <= limit;
}
