import "server-only";
import { seal } from "../../core/crypto/secret-box";
import type { Tx } from "../../platform/db";
import { newId } from "../../core/ids";
import type { EndpointEventType } from "./endpoint-schemas";

// The outbox: a webhook is a row written in the same transaction as the change it reports, so
// the two commit or vanish together. The scheduler (lib/domain/scheduler) delivers the rows later.

// Every event a project endpoint hears (./endpoint-schemas.ts), and the per-key rotation webhook's
// one of its own (seed 001's rotated, expiring and revoked are among the endpoints').
export type WebhookEventType = EndpointEventType | "api_key.grace_ended";

/** The JSON body, as Standard Webhooks suggests: the type, when it happened, and its data. */
export type WebhookEnvelope = { type: WebhookEventType; timestamp: string; data: Record<string, unknown> };

export type EnqueueInput = {
  appId: string;
  projectId: string;
  keyId: string;
  url: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
  now: Date;
  /** The project webhook endpoint it goes to (lib/domain/webhooks/endpoints.ts); absent for a key's rotation webhook URL. */
  endpointId?: string;
  /** A new plaintext key, sent as `data.key`. It is held encrypted until `until`, and not at all if that has passed. */
  heldKey?: { plaintext: string; until: Date };
};

/** The additional data that binds a held key to its message: it opens for that row only. */
export function heldKeyContext(messageId: string): string {
  return `webhook-message:${messageId}:key`;
}

export async function enqueueWebhook(tx: Tx, input: EnqueueInput): Promise<string> {
  const id = newId("webhookMessage");
  const envelope: WebhookEnvelope = { type: input.type, timestamp: input.now.toISOString(), data: input.data };
  const held = input.heldKey && input.heldKey.until > input.now ? input.heldKey : undefined;
  await tx.webhookMessage.create({
    data: {
      id,
      appId: input.appId,
      projectId: input.projectId,
      keyId: input.keyId,
      eventType: input.type,
      url: input.url,
      endpointId: input.endpointId ?? null,
      payload: JSON.stringify(envelope),
      sealedKey: held ? seal(held.plaintext, heldKeyContext(id)) : null,
      sealedUntil: held?.until ?? null,
      nextAttemptAt: input.now,
      createdAt: input.now,
    },
  });
  return id;
}
