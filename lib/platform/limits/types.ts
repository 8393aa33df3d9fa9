import type { LimitCheck, LimitVerdict } from "../../core/limits";
import type { MaybePromise } from "../../core/maybe-async";

// What every limit store does (lib/platform/limits/store.ts picks one per process).

export type CreditsOp = "set" | "increment" | "decrement";

export interface LimitStore {
  readonly kind: "memory" | "database" | "redis";
  /** Checks the rate limits, then the credits, and takes the cost only when every one allows it. */
  check(check: LimitCheck): MaybePromise<LimitVerdict>;
  /** A credits operation; the new balance, or null when the counter has no credits. */
  adjust(counterId: string, op: CreditsOp, amount: number): Promise<number | null>;
  /** Forgets what it holds of a counter (its credits were replaced in the database). */
  forget(counterId: string): Promise<void>;
  /** The counters whose balance changed since the last call (for the credits_low alerts), written back first. */
  drain(): Promise<string[]>;
  close(): Promise<void>;
}
