import "server-only";
import { processSingleton } from "../core/registry";

// Fixed-window counters per key, in process memory: enough to slow down guessing (invite
// tokens, sign-in attempts) on one instance. Several instances each keep their own count.
// The store is in the process registry because Next bundles a module once per route.

type Window = { count: number; resetAt: number };
const windows = processSingleton("rate-limits", () => new Map<string, Window>());

function open(key: string, windowMs: number, now: number): Window {
  if (windows.size > 100_000) windows.clear(); // bounded: forgets everything rather than grow
  const window = { count: 0, resetAt: now + windowMs };
  windows.set(key, window);
  return window;
}

/** Counts one attempt; false once `limit` attempts were made within `windowMs`. */
export function allowAttempt(key: string, limit: number, windowMs: number, now = Date.now()): boolean {
  const current = windows.get(key);
  const window = !current || current.resetAt <= now ? open(key, windowMs, now) : current;
  window.count++;
  return window.count <= limit;
}

export type FailureLimiter = {
  /** Milliseconds until `key` may try again; 0 when it may now. Counts nothing. */
  blockedFor(key: string): number;
  /** Counts one failure of `key`, and answers blockedFor after it. */
  fail(key: string): number;
};

/**
 * Counts failures rather than attempts: a key that failed `limit` times within `windowMs` of
 * its first failure is blocked until that window ends. Success never counts. `now` is for tests.
 */
export function failureLimiter(
  name: string,
  { limit, windowMs, now = Date.now }: { limit: number; windowMs: number; now?: () => number },
): FailureLimiter {
  const current = (key: string, at: number) => {
    const window = windows.get(`${name}:${key}`);
    return window && window.resetAt > at ? window : undefined;
  };
  const blockedFor = (key: string, at = now()) => {
    const window = current(key, at);
    return window && window.count >= limit ? window.resetAt - at : 0;
  };
  return {
    blockedFor: (key) => blockedFor(key),
    fail(key) {
      const at = now();
      (current(key, at) ?? open(`${name}:${key}`, windowMs, at)).count++;
      return blockedFor(key, at);
    },
  };
}
