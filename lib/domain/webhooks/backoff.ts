// When a failed delivery is tried again: exponential backoff from 30 seconds, capped at 6
// hours, with ±20% jitter so that a receiver that comes back is not hit by every message at
// once. The 15th failure is final; even with the least jitter the attempts span over 24 hours.
// The wait counts from the end of the failed attempt (lib/domain/scheduler/deliver-message.ts).

export const MAX_ATTEMPTS = 15;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 6 * 3_600_000;
const JITTER = 0.2;

/** The wait after the `failures`-th failed attempt (1 for the first), with `random` in [0, 1). */
export function retryDelayMs(failures: number, random: number = Math.random()): number {
  const base = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, failures - 1), MAX_DELAY_MS);
  return Math.round(base * (1 - JITTER + 2 * JITTER * random));
}
