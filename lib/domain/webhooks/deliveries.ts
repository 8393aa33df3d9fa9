import "server-only";
import type { AppScope } from "../../core/scope";
import { recordAudit } from "../audit/service";
import { randomBase62 } from "../../core/base62";
import { pageOf, pageOrder, pageStart, readAfter } from "../../core/pagination";
import { db, transaction } from "../../platform/db";
import type { WebhookAttempt, WebhookMessage } from "../../platform/db/models";
import { DomainError, notFound } from "../../core/errors";
import { attemptDelivery, recordAttempt } from "./deliver";
import { type ListDeliveriesQuery, type WebhookDeliveryJson, webhookDeliveryPageSchema, webhookDeliverySchema } from "./schemas";
import type { SendOptions } from "./send";

// A project's delivery log: its outbox messages, newest first, each with its attempts. And a
// redelivery: one more attempt now, asked for by a person or an app key. Neither ever shows a
// held plaintext key; the stored payload never contains it (it is added at sending time).

const LEASE_MS = 60_000;

/** Whether a message may be sent again: a rotation's only while its new key is still held. */
export function isRedeliverable(
  message: Pick<WebhookMessage, "eventType" | "sealedKey" | "sealedUntil" | "endpointId">,
  now = new Date(),
): boolean {
  if (message.eventType !== "api_key.rotated" || message.endpointId !== null) return true;
  return message.sealedKey !== null && (message.sealedUntil === null || message.sealedUntil > now);
}

export function toDeliveryJson(message: WebhookMessage & { deliveryAttempts: WebhookAttempt[] }, now = new Date()): WebhookDeliveryJson {
  return webhookDeliverySchema.parse({
    id: message.id,
    event_type: message.eventType,
    key_id: message.keyId,
    url: message.url,
    status: message.status,
    attempt_count: message.attempts,
    next_attempt_at: message.status === "pending" ? message.nextAttemptAt.toISOString() : null,
    delivered_at: message.deliveredAt?.toISOString() ?? null,
    last_error: message.lastError,
    created_at: message.createdAt.toISOString(),
    redeliverable: isRedeliverable(message, now),
    payload: JSON.parse(message.payload) as Record<string, unknown>,
    attempts: message.deliveryAttempts.map((a) => ({
      id: a.id,
      attempt: a.attempt,
      started_at: a.startedAt.toISOString(),
      outcome: a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300 ? "succeeded" : "failed",
      status_code: a.statusCode,
      latency_ms: a.latencyMs,
      response_excerpt: a.responseExcerpt,
      error: a.error,
    })),
  });
}

const WITH_ATTEMPTS = { deliveryAttempts: { orderBy: [{ startedAt: "asc" as const }, { attempt: "asc" as const }] } };

async function assertProject(scope: AppScope, projectId: string): Promise<void> {
  const project = await db().project.findFirst({ where: { id: projectId, appId: scope.appId }, select: { id: true } });
  if (!project) throw notFound("Project");
}

export async function listWebhookDeliveries(scope: AppScope, projectId: string, query: ListDeliveriesQuery) {
  await assertProject(scope, projectId);
  const where = { projectId, appId: scope.appId };
  const start = await pageStart(query, (id) =>
    db().webhookMessage.findFirst({ where: { ...where, id }, select: { id: true, createdAt: true } }),
  );
  const rows = await readAfter(
    (after, take) =>
      db().webhookMessage.findMany({ where: { AND: [where, after] }, orderBy: [...pageOrder("desc")], take, include: WITH_ATTEMPTS }),
    start,
    "desc",
    query.limit + 1,
  );
  const now = new Date();
  const page = pageOf(rows, query.limit, (m) => toDeliveryJson(m, now));
  return webhookDeliveryPageSchema.parse({ deliveries: page.items, next_cursor: page.next_cursor });
}

/**
 * Sends a message once more, now, whatever its schedule, and records the attempt. Success
 * marks it delivered (and wipes a held key); a failure leaves a pending message's schedule and
 * a failed message's status as they were. A rotation whose new key was wiped cannot be sent
 * again: the key is gone, and a message without it would be of no use.
 */
export async function redeliverWebhookMessage(
  scope: AppScope,
  projectId: string,
  messageId: string,
  options: { send?: SendOptions } = {},
): Promise<WebhookDeliveryJson> {
  await assertProject(scope, projectId);
  const found = await db().webhookMessage.findFirst({ where: { id: messageId, projectId, appId: scope.appId } });
  if (!found) throw notFound("Webhook message");
  const wallNow = new Date();
  if (!isRedeliverable(found, wallNow)) {
    throw new DomainError(
      "conflict",
      "This rotation's new key is no longer held (it was delivered, or the old key's grace period ended), so the message cannot be sent again. Rotate the key again instead.",
    );
  }
  const owner = `redeliver:${scope.actor.id}:${randomBase62(6)}`;
  const leased = await db().webhookMessage.updateMany({
    where: { id: found.id, appId: scope.appId, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: wallNow } }] },
    data: { leaseOwner: owner, leaseExpiresAt: new Date(wallNow.getTime() + LEASE_MS) },
  });
  if (leased.count !== 1) throw new DomainError("conflict", "This message is being delivered right now. Try again in a minute.");

  const message = await db().webhookMessage.findUniqueOrThrow({ where: { id: found.id } });
  const startedAt = new Date();
  const result = await attemptDelivery(message, options.send ?? {});
  const number = message.attempts + 1;
  await transaction(async (tx) => {
    await recordAttempt(tx, { messageId: message.id, attempt: number, workerId: owner, startedAt, result });
    await tx.webhookMessage.updateMany({
      where: { id: message.id, leaseOwner: owner },
      data: {
        attempts: number,
        // A refused target will be refused again: like the scheduler, give up on it.
        status: result.ok ? "succeeded" : result.permanent && message.status === "pending" ? "failed" : undefined,
        deliveredAt: result.ok ? new Date() : undefined,
        sealedKey: result.ok ? null : undefined,
        lastError: result.error,
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    });
    await recordAudit(tx, scope, {
      action: "webhook.redelivered",
      target: { type: "webhook_message", id: message.id },
      metadata: {
        project_id: projectId,
        event_type: message.eventType,
        key_id: message.keyId,
        attempt: number,
        status_code: result.statusCode,
        succeeded: result.ok,
      },
    });
  });
  return toDeliveryJson(await db().webhookMessage.findUniqueOrThrow({ where: { id: message.id }, include: WITH_ATTEMPTS }));
}
