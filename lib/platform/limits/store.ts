import { env } from "../../core/env";
import { describeError, log } from "../../core/log";
import { type Balance, type LimitCheck, type LimitVerdict, limitVerdict, MAX_CREDITS, refilled, remainingNow } from "../../core/limits";
import { type MaybePromise, whenReady } from "../../core/maybe-async";
import { processSingleton } from "../../core/registry";
import { adjustInDatabase, giveBack, loadBalance, takeFromDatabase, writeBalance } from "./counters";
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
    // The balance in memory is the true one: the operation applies to it, in one step with the
    // verifications, and the result is written.
    if (!this.#balances.has(counterId)) await this.#balance(counterId);
    const balance = this.#balances.get(counterId);
    if (!balance) return adjustInDatabase(counterId, op, amount);
    const remaining =
      op === "set"
        ? amount
        : op === "increment"
          ? Math.min(balance.remaining + amount, MAX_CREDITS)
          : Math.max(balance.remaining - amount, 0);
    this.#balances.set(counterId, { ...balance, remaining });
    this.#dirty.delete(counterId);
    this.#changed.add(counterId);
    // A set is a new starting balance (the alerts count from it); otherwise the balance is written as it is.
    if (op === "set") await adjustInDatabase(counterId, "set", remaining);
    else await writeBalance(counterId, { remaining, refilledAt: balance.refilledAt });
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

/** At most this many credits are taken ahead by one instance, and at most 1 % of the balance. */
const MAX_LEASE = 1000;

type Lease = { held: number; remaining: number; refilledAt: number };

/**
 * PostgreSQL without Redis: credits by the database's conditional update, rate limits per
 * instance. So that a busy key is not one row every instance writes on every verification, an
 * instance takes credits ahead (a lease): up to 1 % of the balance, at most 1,000, and gives back
 * what it did not use every second. A verification is answered VALID only against credits taken
 * from the database, so a key is never overspent; a key near its end (under 100 left) takes one
 * at a time, and is exact. Another instance's lease can make a verification USAGE_EXCEEDED while
 * at most that lease is still unused, for at most a second; a crash loses the unused lease.
 */
export class DatabaseStore implements LimitStore {
  readonly kind = "database";
  readonly #windows = new WindowTable();
  readonly #changed = new Set<string>();
  readonly #leases = new Map<string, Lease>();
  readonly #timer: NodeJS.Timeout;

  constructor() {
    this.#timer = setInterval(
      () => void this.#giveBackAll().catch((e) => log.warn({ error: describeError(e) }, "giving credits back failed")),
      WRITE_BACK_MS,
    );
    this.#timer.unref();
  }

  check(check: LimitCheck): MaybePromise<LimitVerdict> {
    const reservation = this.#windows.reserve(check);
    if (!check.credits) return limitVerdict(reservation.states, !reservation.allowed, null);
    const lease = this.#leases.get(check.counterId);
    if (!reservation.allowed || check.cost === 0) {
      if (lease) return limitVerdict(reservation.states, !reservation.allowed, { ok: true, remaining: lease.remaining + lease.held });
      return loadBalance(check.counterId).then((b) =>
        limitVerdict(reservation.states, !reservation.allowed, b && { ok: true, remaining: remainingNow(b, check.now) }),
      );
    }
    // Taken ahead: answered here, without the database.
    if (lease && lease.held >= check.cost) {
      lease.held -= check.cost;
      return limitVerdict(reservation.states, false, { ok: true, remaining: lease.remaining + lease.held });
    }
    return this.#take(check).then(
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

  async #take({ counterId, cost, now }: LimitCheck): Promise<{ ok: boolean; remaining: number } | null> {
    const known = this.#leases.get(counterId);
    const ahead = known ? Math.min(MAX_LEASE, Math.floor(known.remaining / 100)) : 0;
    let taken = await takeFromDatabase(counterId, cost + ahead, now);
    let extra = ahead;
    if (taken && !taken.ok && ahead > 0) [taken, extra] = [await takeFromDatabase(counterId, cost, now), 0];
    if (taken && !taken.ok) {
      // What this instance holds goes back first: the cost may fit with it.
      const lease = this.#leases.get(counterId);
      if (lease && lease.held > 0) {
        this.#leases.delete(counterId);
        await giveBack(counterId, lease.held, lease.refilledAt);
        taken = await takeFromDatabase(counterId, cost, now);
      }
    }
    if (!taken) {
      this.#leases.delete(counterId);
      return null;
    }
    if (!taken.ok) return taken;
    const lease = this.#leases.get(counterId);
    // Credits held from before a refill are void: the refill replaced the balance.
    if (lease && lease.refilledAt === taken.refilledAt) Object.assign(lease, { held: lease.held + extra, remaining: taken.remaining });
    else this.#leases.set(counterId, { held: extra, remaining: taken.remaining, refilledAt: taken.refilledAt! });
    const current = this.#leases.get(counterId)!;
    return { ok: true, remaining: current.remaining + current.held };
  }

  async #giveBackAll(): Promise<void> {
    const leases = [...this.#leases];
    this.#leases.clear();
    for (const [counterId, lease] of leases) if (lease.held > 0) await giveBack(counterId, lease.held, lease.refilledAt);
  }

  async adjust(counterId: string, op: CreditsOp, amount: number): Promise<number | null> {
    this.#changed.add(counterId);
    const lease = this.#leases.get(counterId);
    this.#leases.delete(counterId);
    if (lease && lease.held > 0) await giveBack(counterId, lease.held, lease.refilledAt);
    return adjustInDatabase(counterId, op, amount);
  }

  async forget(counterId: string): Promise<void> {
    // The credits were replaced: what this instance held belongs to the old balance.
    this.#leases.delete(counterId);
  }

  async drain(): Promise<string[]> {
    await this.#giveBackAll();
    const changed = [...this.#changed];
    this.#changed.clear();
    return changed;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#giveBackAll();
  }
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
