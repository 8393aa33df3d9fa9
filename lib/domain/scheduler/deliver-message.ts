import "server-only";
import { serverMetrics } from "../../platform/metrics";
import { db, transaction } from "../../platform/db";
import { MAX_ATTEMPTS, retryDelayMs } from "../webhooks/backoff";
import { attemptDelivery, recordAttempt } from "../webhooks/deliver";
import type { PassContext } from "./context";

// One delivery of an outbox message. A worker takes a due message with a lease (a conditional
// update that works on SQLite and PostgreSQL alike), sends it outside any transaction, then
// records the attempt and the message's new state together. A worker that dies mid-send leaves
// only its lease, which expires; the next worker sends again with the same webhook-id, which is
// how receivers recognise a repeat (delivery is at least once, as with every webhook system).
// A failed attempt's retry is timed from the end of that attempt, by the pass's clock: a slow
// receiver, or a queue of sends before it, never shortens the documented wait.

export type DeliveryEntry = {
  message_id: string;
  type: string;
  url: string;
  attempt: number;
  outcome: "succeeded" | "retrying" | "failed" | "would_send" | "taken";
  status_code: number | null;
  error: string | null;
  next_attempt_at: string | null;
};

export type DeliveryContext = Pick<PassContext, "workerId" | "leaseMs" | "send" | "random" | "clock">;

export function dueWhere(at: Date, wallNow: Date) {
  return { status: "pending", nextAttemptAt: { lte: at }, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: wallNow } }] };
}

/** Takes the message if it is due and no other worker holds it. The lease runs in real time. */
export async function leaseMessage(id: string, ctx: DeliveryContext): Promise<boolean> {
  const wallNow = new Date();
  const leased = await db().webhookMessage.updateMany({
    where: { ...dueWhere(ctx.clock(), wallNow), id },
    data: { leaseOwner: ctx.workerId, leaseExpiresAt: new Date(wallNow.getTime() + ctx.leaseMs) },
  });
  return leased.count === 1;
}

/** Gives leased messages back unsent, so that another worker may take them at once. */
export async function releaseLeases(ids: string[], ctx: Pick<DeliveryContext, "workerId">): Promise<void> {
  if (ids.length === 0) return;
  await db().webhookMessage.updateMany({
    where: { id: { in: ids }, leaseOwner: ctx.workerId, status: "pending" },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
}

/**
 * Sends a message this worker leased, once, and records the attempt. `mayStart` is asked just
 * before sending: when it says no (the worker is stopping), the lease is given back unsent and
 * the result is null. `sending` is called as the send begins.
 */
export async function deliverLeased(
  id: string,
  ctx: DeliveryContext,
  hooks: { mayStart: () => boolean; sending: () => void },
): Promise<DeliveryEntry | null> {
  const message = await db().webhookMessage.findUniqueOrThrow({ where: { id } });
  if (!hooks.mayStart()) {
    await releaseLeases([id], ctx);
    return null;
  }
  hooks.sending();
  const number = message.attempts + 1;
  const startedAt = new Date();
  // A held key whose grace period has ended is not sent, even before a pass has wiped it.
  const expired = message.sealedUntil !== null && message.sealedUntil <= ctx.clock();
  const result = await attemptDelivery(expired ? { ...message, sealedKey: null } : message, ctx.send);
  const endedAt = ctx.clock();

  // A refused target (the SSRF guard, a URL that is not allowed) fails the same way every time: no retry.
  const final = !result.ok && (result.permanent === true || number >= MAX_ATTEMPTS);
  const nextAttemptAt = result.ok || final ? null : new Date(endedAt.getTime() + retryDelayMs(number, ctx.random()));
  const outcome = result.ok ? "succeeded" : final ? "failed" : "retrying";
  serverMetrics.deliveryAttempts.inc({ outcome });
  const kept = await transaction(async (tx) => {
    await recordAttempt(tx, { messageId: id, attempt: number, workerId: ctx.workerId, startedAt, result });
    // Only while this worker still holds the lease: if it ran out, the message is someone else's now.
    const updated = await tx.webhookMessage.updateMany({
      where: { id, leaseOwner: ctx.workerId, status: "pending" },
      data: {
        attempts: number,
        status: result.ok ? "succeeded" : final ? "failed" : "pending",
        deliveredAt: result.ok ? endedAt : undefined,
        // Delivered: the new key has arrived and is wiped here at once.
        sealedKey: result.ok ? null : undefined,
        nextAttemptAt: nextAttemptAt ?? undefined,
        lastError: result.error,
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    });
    return updated.count === 1;
  });
  return {
    message_id: id,
    type: message.eventType,
    url: message.url,
    attempt: number,
    outcome: kept ? outcome : "taken",
    status_code: result.statusCode,
    error: result.error,
    next_attempt_at: kept ? (nextAttemptAt?.toISOString() ?? null) : null,
  };
}
