import "server-only";
import { open } from "../../core/crypto/secret-box";
import { db, type Tx } from "../../platform/db";
import type { WebhookMessage } from "../../platform/db/models";
import { newId } from "../../core/ids";
import { heldKeyContext, type WebhookEnvelope } from "./outbox";
import { sendWebhook, type SendOptions, type SendResult } from "./send";
import { signatureHeaders } from "../../core/crypto/webhook-signing";
import { signingSecrets } from "./signing-secret";

// One attempt at a message and its record, shared by the scheduler's deliveries
// (lib/domain/scheduler/deliver-due.ts) and a redelivery asked for by a person or an app key
// (lib/domain/webhooks/deliveries.ts).

/**
 * The body as sent: an api_key.rotated message to the key's rotation webhook URL carries the new
 * key while it is held, and null after. A project endpoint's never carries one.
 */
export function bodyOf(message: WebhookMessage): string {
  if (message.eventType !== "api_key.rotated" || message.endpointId !== null) return message.payload;
  const envelope = JSON.parse(message.payload) as WebhookEnvelope;
  const key = message.sealedKey ? open(message.sealedKey, heldKeyContext(message.id)) : null;
  return JSON.stringify({ ...envelope, data: { ...envelope.data, key } });
}

/** Signs and sends a message once. Never throws: a failure is a result with its reason. */
export async function attemptDelivery(message: WebhookMessage, send: SendOptions): Promise<SendResult> {
  try {
    const stored = await db().webhookSigningSecret.findUnique({ where: { projectId: message.projectId } });
    // The signature's timestamp is the real time of sending: receivers compare it with their clock.
    const sentAt = new Date();
    const secrets = signingSecrets(stored, sentAt);
    if (secrets.length === 0) {
      return {
        ok: false,
        statusCode: null,
        latencyMs: 0,
        excerpt: null,
        error: "the project has no webhook signing secret: create one (latchkey webhook-secret --project <id>)",
      };
    }
    const body = bodyOf(message);
    return await sendWebhook(message.url, { ...signatureHeaders(secrets, { id: message.id, timestamp: sentAt, body }) }, body, send);
  } catch (error) {
    return { ok: false, statusCode: null, latencyMs: 0, excerpt: null, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function recordAttempt(
  tx: Tx,
  input: { messageId: string; attempt: number; workerId: string; startedAt: Date; result: SendResult },
): Promise<void> {
  const { result } = input;
  await tx.webhookAttempt.create({
    data: {
      id: newId("webhookAttempt"),
      messageId: input.messageId,
      attempt: input.attempt,
      workerId: input.workerId,
      startedAt: input.startedAt,
      statusCode: result.statusCode,
      latencyMs: result.latencyMs,
      responseExcerpt: result.excerpt,
      error: result.error,
    },
  });
}
