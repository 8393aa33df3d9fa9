import "server-only";
import { hostname } from "node:os";
import { NO_REQUEST, type AppScope } from "../../core/scope";
import { randomBase62 } from "../../core/base62";
import type { SendOptions } from "../webhooks/send";

/**
 * What one scheduler pass works with. `now` is the moment the pass stands for, and `clock` the
 * pass's clock as it runs on from there: a webhook's next attempt is timed from the end of the
 * attempt before it, by this clock. A test or `--at` moves both; a test may stop the clock.
 */
export type PassContext = {
  now: Date;
  clock: () => Date;
  dryRun: boolean;
  workerId: string;
  /** At most this many items per phase and pass; the rest waits for the next pass. */
  limit: number;
  /** How long a worker holds a message it is sending, in real time, before another may take it. */
  leaseMs: number;
  send: SendOptions;
  /** Jitter for retry delays, in [0, 1). */
  random: () => number;
};

export const DAY_MS = 86_400_000;

/** The grace the scheduler gives when neither the key nor its project sets one: room for the retries to deliver. */
export const DEFAULT_SCHEDULED_GRACE_SECONDS = 2 * 86_400;

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBase62(6)}`;
}

/** The scheduler acts as the system on the key's team and app, so its changes land in the audit log. */
export function schedulerScope(teamId: string, appId: string): AppScope {
  return { teamId, appId, actor: { type: "system", id: "scheduler" }, request: NO_REQUEST };
}
