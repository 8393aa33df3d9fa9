import "server-only";
import type { AppScope } from "../../core/scope";
import { DomainError, notFound } from "../../core/errors";
import { type CreditsInput, type CreditsOperation, nextRefill, type RateLimit, type RefillInterval, remainingNow } from "../../core/limits";
import { db, transaction, type Tx } from "../../platform/db";
import type { ApiKey } from "../../platform/db/models";
import { limitStore } from "../../platform/limits/store";
import { refillDue } from "../../platform/limits/counters";
import { recordAudit } from "../audit/service";
import { describeError, log, logLimited } from "../../core/log";
import { emitKeyEvent, keyEventData } from "../webhooks/endpoints";

// Credits on project keys: the balance's row (KeyCounter), shared by a key and the keys rotated
// from it, and what the API shows of it. Verifications take credits through the process's limit
// store (lib/platform/limits/store.ts); this module sets them, changes them and raises the alerts.

export type KeyCounterRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["keyCounter"]["findUnique"]>>>;
/** A key with its credits (null: none), as the API shows it. */
export type KeyWithCredits = ApiKey & { credits: KeyCounterRow | null };

/** A key's counter: its own id unless it names one (it was given credits, or made by rotation). */
export const counterIdOf = (key: Pick<ApiKey, "id" | "counterId">) => key.counterId ?? key.id;

/**
 * The keys with their credits: one query for the lot, and none when no key has a counter (only a
 * key given credits, or made by rotation, names one: ApiKey.counterId).
 */
export async function withCredits<T extends ApiKey>(rows: T[]): Promise<(T & { credits: KeyCounterRow | null })[]> {
  const ids = [...new Set(rows.flatMap((row) => (row.counterId ? [row.counterId] : [])))];
  const counters = ids.length === 0 ? [] : await db().keyCounter.findMany({ where: { id: { in: ids } } });
  const byId = new Map(counters.map((c) => [c.id, c]));
  return rows.map((row) => ({ ...row, credits: byId.get(counterIdOf(row)) ?? null }));
}

export async function withCreditsOne<T extends ApiKey>(row: T): Promise<T & { credits: KeyCounterRow | null }> {
  return (await withCredits([row]))[0]!;
}

/** The API's view of a counter, as of now (a refill due is shown as done). */
export function creditsJson(counter: KeyCounterRow | null, now = Date.now()) {
  if (!counter) return null;
  const interval = counter.refillInterval as RefillInterval | null;
  return {
    remaining: remainingNow({ ...counter, refillInterval: interval, refilledAt: counter.refilledAt.getTime() }, now),
    refill: interval && counter.refillAmount !== null ? { amount: counter.refillAmount, interval } : null,
    next_refill_at: nextRefill(interval, now)?.toISOString() ?? null,
  };
}

export function parseRateLimits(stored: string): RateLimit[] {
  const value: unknown = JSON.parse(stored);
  return Array.isArray(value) ? (value as RateLimit[]) : [];
}

/**
 * Inside the transaction of a create or an update: gives the key's counter these credits (a
 * new starting balance), or removes them (null). The store forgets what it held once committed:
 * call `forgetCredits` after the transaction.
 */
export async function writeCredits(
  tx: Tx,
  key: Pick<ApiKey, "id" | "counterId" | "appId" | "projectId">,
  credits: CreditsInput | null,
  now: Date,
) {
  const id = counterIdOf(key);
  if (credits === null) {
    await tx.keyCounter.deleteMany({ where: { id } });
    return;
  }
  const fields = {
    remaining: credits.remaining,
    refillAmount: credits.refill?.amount ?? null,
    refillInterval: credits.refill?.interval ?? null,
    refilledAt: now,
    base: credits.refill?.amount ?? credits.remaining,
    lowNotice20At: null,
    lowNotice5At: null,
  };
  await tx.keyCounter.upsert({ where: { id }, create: { id, appId: key.appId, projectId: key.projectId, ...fields }, update: fields });
}

export async function forgetCredits(key: Pick<ApiKey, "id" | "counterId">): Promise<void> {
  await limitStore().forget(counterIdOf(key));
}

/** POST /v1/api-keys/{keyID}/credits: sets, adds to or takes from a key's balance, with an audit row. */
export async function changeCredits(scope: AppScope, keyId: string, input: CreditsOperation): Promise<KeyWithCredits> {
  const key = await db().apiKey.findFirst({ where: { id: keyId, appId: scope.appId } });
  if (!key) throw notFound("API key");
  const counterId = counterIdOf(key);
  const exists = await db().keyCounter.findUnique({ where: { id: counterId }, select: { id: true } });
  if (!exists) throw new DomainError("conflict", "This key has no credits: give it credits with PATCH /v1/api-keys/{keyID} first.");
  const remaining = await limitStore().adjust(counterId, input.op, input.amount);
  if (remaining === null)
    throw new DomainError("conflict", "This key has no credits: give it credits with PATCH /v1/api-keys/{keyID} first.");
  await transaction((tx) =>
    recordAudit(tx, scope, {
      action: "api_key.credits_changed",
      target: { type: "api_key", id: key.id },
      metadata: { op: input.op, amount: input.amount, remaining },
    }),
  );
  await checkCreditAlerts([counterId]);
  return withCreditsOne(key);
}

/** Below these shares of the last refill (or of the starting balance), a key gets an api_key.credits_low event, once per threshold and period. */
const THRESHOLDS = [
  { percent: 20, column: "lowNotice20At" },
  { percent: 5, column: "lowNotice5At" },
] as const;

/**
 * The credits_low alerts of the counters whose balance changed. Each threshold is claimed by a
 * conditional update (it was not noticed since the last refill), so that several instances
 * raise it once.
 */
export async function checkCreditAlerts(counterIds: string[]): Promise<number> {
  if (counterIds.length === 0) return 0;
  let sent = 0;
  const counters = await db().keyCounter.findMany({ where: { id: { in: counterIds } } });
  for (const counter of counters) {
    for (const { percent, column } of THRESHOLDS) {
      if (counter.base <= 0 || counter.remaining * 100 >= counter.base * percent) continue;
      const noticed = counter[column];
      if (noticed && noticed >= counter.refilledAt) continue;
      const now = new Date();
      const raised = await transaction(async (tx) => {
        const claim = await tx.keyCounter.updateMany({
          where: { id: counter.id, OR: [{ [column]: null }, { [column]: { lt: counter.refilledAt } }] },
          data: { [column]: now },
        });
        if (claim.count === 0) return false;
        // The counter's newest key speaks for it (a rotation's new key, or the key itself).
        const key = await tx.apiKey.findFirst({
          where: { appId: counter.appId, OR: [{ id: counter.id }, { counterId: counter.id }] },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        });
        if (!key) return false;
        await emitKeyEvent(tx, {
          appId: key.appId,
          projectId: key.projectId,
          keyId: key.id,
          type: "api_key.credits_low",
          now,
          data: { ...keyEventData(key), threshold_percent: percent, credits_remaining: counter.remaining, credits_base: counter.base },
        });
        return true;
      });
      if (raised) sent++;
    }
  }
  return sent;
}

/** Alerts for what verifications used since the last call (the server runs this every few seconds). */
export async function raiseCreditAlerts(): Promise<number> {
  return checkCreditAlerts(await limitStore().drain());
}

/**
 * The scheduler's refills: every counter whose period began since its last refill gets its
 * refill's amount. A conditional update per interval, so that two workers refill each counter once.
 */
export async function refillDueCredits(now: Date): Promise<number> {
  return (await refillDue("daily", now.getTime())) + (await refillDue("monthly", now.getTime()));
}

const ALERTS_EVERY_MS = 5_000;

/**
 * For `latchkey start`: says how this instance counts, and raises the credits_low alerts every
 * few seconds. The returned stop writes what the store still holds.
 */
export function startLimits(): { stop(): Promise<void> } {
  const store = limitStore();
  const how = {
    memory: "rate limits and credits are counted in this process (exact for one instance; SQLite has one)",
    database:
      "credits are taken by the database's conditional update (exact across instances); rate limits are per instance: set REDIS_URL to count them across instances",
    redis: "rate limits and credits are counted in Redis (exact across instances)",
  }[store.kind];
  log[store.kind === "database" ? "warn" : "info"]({ limit_store: store.kind }, how);
  const timer = setInterval(
    () =>
      void raiseCreditAlerts().catch((error: unknown) =>
        logLimited("credit-alerts", "warn", { error: describeError(error) }, "credits_low alerts failed: retrying"),
      ),
    ALERTS_EVERY_MS,
  );
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await raiseCreditAlerts().catch(() => undefined);
      await store.close();
    },
  };
}
