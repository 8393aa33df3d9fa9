import "server-only";
import { db, transaction } from "../db";
import { MAX_ATTEMPTS, retryDelayMs } from "../webhooks/backoff";
import { attemptDelivery, recordAttempt } from "../webhooks/deliver";
import type { PassContext } from "./context";

// Phase 4: deliver the outbox. A worker takes a due message with a lease (a conditional update
// that works on SQLite and PostgreSQL alike), sends it outside any transaction, then records
// the attempt and the message's new state together. A worker that dies mid-send leaves only
// its lease, which expires; the next worker sends again with the same webhook-id, which is how
// receivers recognise a repeat (delivery is at least once, as with every webhook system).

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

const CONCURRENCY = 4;

function dueWhere(ctx: PassContext, wallNow: Date) {
  return { status: "pending", nextAttemptAt: { lte: ctx.now }, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: wallNow } }] };
}

async function deliverOne(id: string, ctx: PassContext): Promise<DeliveryEntry | null> {
  const wallNow = new Date();
  const leased = await db().webhookMessage.updateMany({
    where: { ...dueWhere(ctx, wallNow), id },
    data: { leaseOwner: ctx.workerId, leaseExpiresAt: new Date(wallNow.getTime() + ctx.leaseMs) },
  });
  if (leased.count !== 1) return null; // another worker took it
  const message = await db().webhookMessage.findUniqueOrThrow({ where: { id } });
  const number = message.attempts + 1;
  const startedAt = new Date();
  const result = await attemptDelivery(message, ctx.send);

  // A refused target (the SSRF guard, a URL that is not allowed) fails the same way every time: no retry.
  const final = !result.ok && (result.permanent === true || number >= MAX_ATTEMPTS);
  const nextAttemptAt = result.ok || final ? null : new Date(ctx.now.getTime() + retryDelayMs(number, ctx.random()));
  const outcome = result.ok ? "succeeded" : final ? "failed" : "retrying";
  const kept = await transaction(async (tx) => {
    await recordAttempt(tx, { messageId: id, attempt: number, workerId: ctx.workerId, startedAt, result });
    // Only while this worker still holds the lease: if it ran out, the message is someone else's now.
    const updated = await tx.webhookMessage.updateMany({
      where: { id, leaseOwner: ctx.workerId, status: "pending" },
      data: {
        attempts: number,
        status: result.ok ? "succeeded" : final ? "failed" : "pending",
        deliveredAt: result.ok ? ctx.now : undefined,
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

export async function deliverDueMessages(ctx: PassContext): Promise<DeliveryEntry[]> {
  const due = await db().webhookMessage.findMany({ where: dueWhere(ctx, new Date()), orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }], take: ctx.limit });
  if (ctx.dryRun) {
    return due.map((m) => ({ message_id: m.id, type: m.eventType, url: m.url, attempt: m.attempts + 1, outcome: "would_send", status_code: null, error: null, next_attempt_at: null }));
  }
  const entries: DeliveryEntry[] = [];
  const queue = due.map((m) => m.id);
  const workers = Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const entry = await deliverOne(id, ctx);
      if (entry) entries.push(entry);
    }
  });
  await Promise.all(workers);
  return entries;
}
