import { env } from "../../core/env";
import { type Balance, MAX_CREDITS, periodStart, type RefillInterval, remainingNow } from "../../core/limits";
import { firstRow, toSqliteTime, transaction } from "../db";
import { toDate } from "../db/lookup";

// The credits table (KeyCounter) as the limit stores read and write it: fixed queries on the
// process's client (prepared statements on SQLite), since a verification may run them.

const postgres = () => env().DATABASE_PROVIDER === "postgresql";
/** A timestamp parameter: PostgreSQL is told its type (it cannot infer it inside a CASE); SQLite compares Prisma's text. */
const ts = () => (postgres() ? "CAST(? AS TIMESTAMP(3))" : "?");
export const timeParam = (at: number | Date) => (postgres() ? new Date(at).toISOString() : toSqliteTime(new Date(at)));

type BalanceRow = { remaining: number | bigint; refillAmount: number | bigint | null; refillInterval: string | null; refilledAt: unknown };

function toBalance(row: BalanceRow): Balance {
  return {
    remaining: Number(row.remaining),
    refillAmount: row.refillAmount === null ? null : Number(row.refillAmount),
    refillInterval: (row.refillInterval as RefillInterval | null) ?? null,
    refilledAt: toDate(row.refilledAt)!.getTime(),
  };
}

export async function loadBalance(counterId: string): Promise<Balance | null> {
  const row = (await firstRow(`SELECT "remaining", "refillAmount", "refillInterval", "refilledAt" FROM "KeyCounter" WHERE "id" = ?`, [
    counterId,
  ])) as BalanceRow | undefined;
  return row ? toBalance(row) : null;
}

/**
 * Writes a balance kept elsewhere (memory or Redis) back. A write from before a refill that the
 * database already has (the scheduler's) is dropped. A refill written here moves the alerts'
 * base to the refill's amount.
 */
export async function writeBalance(counterId: string, balance: Pick<Balance, "remaining" | "refilledAt">): Promise<void> {
  const at = timeParam(balance.refilledAt);
  await firstRow(
    `UPDATE "KeyCounter" SET "base" = CASE WHEN "refilledAt" < ${ts()} THEN COALESCE("refillAmount", "base") ELSE "base" END,
       "remaining" = ?, "refilledAt" = ${ts()}, "updatedAt" = ${ts()}
     WHERE "id" = ? AND "refilledAt" <= ${ts()} RETURNING "id"`,
    [at, balance.remaining, at, timeParam(Date.now()), counterId, at],
  );
}

function dueExpression(): string {
  return `("refillAmount" IS NOT NULL AND "refilledAt" < CASE WHEN "refillInterval" = 'daily' THEN ${ts()} ELSE ${ts()} END)`;
}

/**
 * The database's own atomic take (PostgreSQL with several instances and no Redis): refills the
 * balance if a period began, and takes `cost` if it is there, in one conditional update.
 * Returns the remaining balance, and whether the cost was taken; null when there is no counter.
 */
export async function takeFromDatabase(
  counterId: string,
  cost: number,
  now: number,
): Promise<{ ok: boolean; remaining: number; refilledAt?: number } | null> {
  const periods = [timeParam(periodStart("daily", now)), timeParam(periodStart("monthly", now))];
  const at = timeParam(now);
  const due = dueExpression();
  const taken = (await firstRow(
    `UPDATE "KeyCounter" SET
       "remaining" = (CASE WHEN ${due} THEN "refillAmount" ELSE "remaining" END) - ?,
       "base" = CASE WHEN ${due} THEN "refillAmount" ELSE "base" END,
       "refilledAt" = CASE WHEN ${due} THEN ${ts()} ELSE "refilledAt" END,
       "updatedAt" = ${ts()}
     WHERE "id" = ? AND (CASE WHEN ${due} THEN "refillAmount" ELSE "remaining" END) >= ?
     RETURNING "remaining", "refilledAt"`,
    [...periods, cost, ...periods, ...periods, at, at, counterId, ...periods, cost],
  )) as { remaining: number | bigint; refilledAt: unknown } | undefined;
  if (taken) return { ok: true, remaining: Number(taken.remaining), refilledAt: toDate(taken.refilledAt)!.getTime() };
  const balance = await loadBalance(counterId);
  return balance && { ok: false, remaining: remainingNow(balance, now) };
}

/** Gives credits taken ahead (a lease) back, unless the balance was refilled since: a refill replaces it. */
export async function giveBack(counterId: string, amount: number, refilledAt: number): Promise<void> {
  await firstRow(`UPDATE "KeyCounter" SET "remaining" = "remaining" + ? WHERE "id" = ? AND "refilledAt" = ${ts()} RETURNING "id"`, [
    amount,
    counterId,
    timeParam(refilledAt),
  ]);
}

/** A credits operation on the database's balance; returns the new balance, or null when there is no counter. */
export async function adjustInDatabase(counterId: string, op: "set" | "increment" | "decrement", amount: number): Promise<number | null> {
  const now = timeParam(Date.now());
  const sql = {
    // A balance set is a new starting balance: the alerts count from it, and may fire again.
    set: `UPDATE "KeyCounter" SET "remaining" = ?, "base" = ?, "lowNotice20At" = NULL, "lowNotice5At" = NULL, "updatedAt" = ${ts()} WHERE "id" = ? RETURNING "remaining"`,
    increment: `UPDATE "KeyCounter" SET "remaining" = MIN("remaining" + ?, ?), "updatedAt" = ${ts()} WHERE "id" = ? RETURNING "remaining"`,
    decrement: `UPDATE "KeyCounter" SET "remaining" = MAX("remaining" - ?, 0), "updatedAt" = ${ts()} WHERE "id" = ? RETURNING "remaining"`,
  }[op];
  const params =
    op === "set" ? [amount, amount, now, counterId] : op === "increment" ? [amount, MAX_CREDITS, now, counterId] : [amount, now, counterId];
  const row = (await firstRow(postgres() ? sql.replace(/\bMIN\(/g, "LEAST(").replace(/\bMAX\(/g, "GREATEST(") : sql, params)) as
    { remaining: number | bigint } | undefined;
  return row ? Number(row.remaining) : null;
}

/**
 * The scheduler's refills of one interval: every counter whose period began since its last
 * refill gets its refill's amount, in one conditional update (a row another worker refilled no
 * longer matches), so that two workers refill each counter once. Returns how many.
 */
export async function refillDue(interval: RefillInterval, now: number): Promise<number> {
  const at = timeParam(now);
  const sql = `UPDATE "KeyCounter" SET "remaining" = "refillAmount", "base" = "refillAmount", "refilledAt" = ${ts()}, "updatedAt" = ${ts()}
    WHERE "refillInterval" = ? AND "refillAmount" IS NOT NULL AND "refilledAt" < ${ts()} RETURNING "id"`;
  let n = 0;
  const text = postgres() ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  // In a transaction, which waits and retries while another process (a server) holds SQLite's write lock.
  const rows = (await transaction((tx) => tx.$queryRawUnsafe(text, at, at, interval, timeParam(periodStart(interval, now))))) as unknown[];
  return rows.length;
}
