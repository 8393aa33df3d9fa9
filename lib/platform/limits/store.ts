import { env } from "../../core/env";
import { describeError, log } from "../../core/log";
import { type Balance, type LimitCheck, type LimitVerdict, limitVerdict, refilled } from "../../core/limits";
import { type MaybePromise, whenReady } from "../../core/maybe-async";
import { processSingleton } from "../../core/registry";
import { adjustInDatabase, loadBalance, takeFromDatabase, writeBalance } from "./counters";
import { WindowTable } from "./windows";
import { RedisStore } from "./redis";
import type { CreditsOp, LimitStore } from "./types";

// Where rate limits and credits are counted (README "Rate limits and credits"), one store per
// process, chosen by the deployment:
// - memory (SQLite, one instance): windows and balances in this process, exact; balances are
//   written back to the database every second, so a crash loses at most a second of use
//   (credits spent in it are given back);
// - database (PostgreSQL, no Redis): each verification takes its credits by one conditional
//   update, exact across instances; rate limits stay per instance;
// - redis (REDIS_URL): both, exact across instances, by one atomic script (lib/platform/limits/redis.ts).
// Verifications on the front thread ask the main thread's store (lib/http/front/host.ts).

export type { CreditsOp, LimitStore } from "./types";

const WRITE_BACK_MS = 1_000;

/** One instance: everything in memory, balances written back every second. */
export class MemoryStore implements LimitStore {
  readonly kind = "memory";
  readonly #windows = new WindowTable();
  readonly #balances = new Map<string, Balance | null>();
  readonly #loading = new Map<string, Promise<Balance | null>>();
  readonly #dirty = new Set<string>();
  readonly #changed = new Set<string>();
  #timer?: NodeJS.Timeout;

  constructor() {
    this.#timer = setInterval(
      () => void this.#writeBack().catch((e) => log.warn({ error: describeError(e) }, "writing credits back failed")),
      WRITE_BACK_MS,
    );
    this.#timer.unref();
  }

  check(check: LimitCheck): MaybePromise<LimitVerdict> {
    if (!check.credits || this.#balances.has(check.counterId)) return this.#decide(check);
    return whenReady(this.#balance(check.counterId), () => this.#decide(check));
  }

  #balance(counterId: string): Promise<Balance | null> {
    let pending = this.#loading.get(counterId);
    if (!pending) {
      pending = loadBalance(counterId).finally(() => this.#loading.delete(counterId));
      this.#loading.set(counterId, pending);
      void pending.then(
        (balance) => {
          if (!this.#balances.has(counterId)) this.#balances.set(counterId, balance);
        },
        () => undefined,
      );
    }
    return pending;
  }

  /** Synchronous from here: no other check runs between the reading and the taking (the balance is loaded, or there are no credits). */
  #decide(check: LimitCheck): LimitVerdict {
    const reservation = this.#windows.reserve(check);
    let balance = check.credits ? (this.#balances.get(check.counterId) ?? null) : null;
    if (balance) {
      const after = refilled(balance, check.now);
      if (after.refilled) {
        balance = after.balance;
        this.#balances.set(check.counterId, balance);
        this.#dirty.add(check.counterId);
      }
    }
    if (!reservation.allowed) return limitVerdict(reservation.states, true, balance && { ok: true, remaining: balance.remaining });
    if (!balance) return limitVerdict(reservation.states, false, null);
    if (balance.remaining < check.cost) {
      reservation.refund();
      return limitVerdict(reservation.states, false, { ok: false, remaining: balance.remaining });
    }
    if (check.cost > 0) {
      balance = { ...balance, remaining: balance.remaining - check.cost };
      this.#balances.set(check.counterId, balance);
      this.#dirty.add(check.counterId);
    }
    return limitVerdict(reservation.states, false, { ok: true, remaining: balance.remaining });
  }

  async adjust(counterId: string, op: CreditsOp, amount: number): Promise<number | null> {
    // What was used here and not yet written goes first, so that the operation applies to the true balance.
    await this.#writeOne(counterId);
    const remaining = await adjustInDatabase(counterId, op, amount);
    this.#balances.delete(counterId);
    this.#changed.add(counterId);
    return remaining;
  }

  async forget(counterId: string): Promise<void> {
    this.#dirty.delete(counterId);
    this.#balances.delete(counterId);
  }

  async #writeOne(counterId: string): Promise<void> {
    const balance = this.#balances.get(counterId);
    if (!this.#dirty.delete(counterId) || !balance) return;
    this.#changed.add(counterId);
    await writeBalance(counterId, balance);
  }

  async #writeBack(): Promise<void> {
    for (const counterId of [...this.#dirty]) await this.#writeOne(counterId);
    // A balance not used for a while need not stay in memory; it is read again when next used.
    if (this.#balances.size > 100_000) for (const id of this.#balances.keys()) if (!this.#dirty.has(id)) this.#balances.delete(id);
  }

  async drain(): Promise<string[]> {
    await this.#writeBack();
    const changed = [...this.#changed];
    this.#changed.clear();
    return changed;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#writeBack();
  }
}

/** PostgreSQL without Redis: credits by the database's conditional update, rate limits per instance. */
export class DatabaseStore implements LimitStore {
  readonly kind = "database";
  readonly #windows = new WindowTable();
  readonly #changed = new Set<string>();

  check(check: LimitCheck): MaybePromise<LimitVerdict> {
    const reservation = this.#windows.reserve(check);
    if (!check.credits) return limitVerdict(reservation.states, !reservation.allowed, null);
    if (!reservation.allowed)
      return loadBalance(check.counterId).then((b) => limitVerdict(reservation.states, true, b && { ok: true, remaining: b.remaining }));
    if (check.cost === 0)
      return loadBalance(check.counterId).then((b) => limitVerdict(reservation.states, false, b && { ok: true, remaining: b.remaining }));
    return takeFromDatabase(check.counterId, check.cost, check.now).then(
      (taken) => {
        if (taken && !taken.ok) reservation.refund();
        if (taken?.ok) this.#changed.add(check.counterId);
        return limitVerdict(reservation.states, false, taken);
      },
      (error: unknown) => {
        reservation.refund();
        throw error;
      },
    );
  }

  async adjust(counterId: string, op: CreditsOp, amount: number): Promise<number | null> {
    this.#changed.add(counterId);
    return adjustInDatabase(counterId, op, amount);
  }

  async forget(): Promise<void> {}

  async drain(): Promise<string[]> {
    const changed = [...this.#changed];
    this.#changed.clear();
    return changed;
  }

  async close(): Promise<void> {}
}

/** The process's store, by its configuration: REDIS_URL, else PostgreSQL's database store, else memory. */
export function limitStore(): LimitStore {
  return processSingleton("limit-store", () => {
    const { REDIS_URL, DATABASE_PROVIDER } = env();
    // Without REDIS_URL no Redis connection is ever opened.
    if (REDIS_URL) return new RedisStore(REDIS_URL);
    return DATABASE_PROVIDER === "postgresql" ? new DatabaseStore() : new MemoryStore();
  });
}
