import { z } from "../../core/zod";
import { pageQueryFields } from "../../core/pagination";
import { idSchema, timestampOutputSchema } from "../../core/schemas";

// The webhook operations of a project: its signing secret and its delivery log. The route
// handlers, the console's server actions and the OpenAPI document all use these.

export const listDeliveriesQuerySchema = z.object(pageQueryFields());
export type ListDeliveriesQuery = z.output<typeof listDeliveriesQuerySchema>;

const timestamp = timestampOutputSchema.nullable();

export const deliveryAttemptSchema = z.object({
  id: z.string(),
  attempt: z.int().describe("1 for the first attempt at this message."),
  started_at: timestampOutputSchema,
  outcome: z.enum(["succeeded", "failed"]),
  status_code: z
    .int()
    .nullable()
    .describe("The receiver's HTTP status; null when no response came (timeout, refused target, network error)."),
  latency_ms: z.int(),
  response_excerpt: z.string().nullable().describe("The start of the response body, cut short."),
  error: z.string().nullable(),
});

export const webhookDeliverySchema = z.object({
  id: z.string().describe("The message id, sent as the webhook-id header."),
  event_type: z.string(),
  key_id: z.string(),
  url: z.string(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempt_count: z.int(),
  next_attempt_at: timestamp.describe("When the next automatic attempt is due; null once the message succeeded or failed."),
  delivered_at: timestamp,
  last_error: z.string().nullable(),
  created_at: timestampOutputSchema,
  redeliverable: z
    .boolean()
    .describe("Whether the message can still be sent again: an api_key.rotated message only while its new key is held."),
  payload: z.record(z.string(), z.unknown()).describe("The event as stored. A rotation's new key is never part of it."),
  attempts: z.array(deliveryAttemptSchema).describe("Every attempt, oldest first."),
});
export type WebhookDeliveryJson = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryPageSchema = z.object({
  deliveries: z.array(webhookDeliverySchema).describe("Newest first."),
  next_cursor: z.string().nullable().describe("Pass as `cursor` for the next, older page; null on the last page."),
});

export const rotatedSigningSecretSchema = z.object({
  project_id: z.string(),
  secret: z.string().describe("The new whsec_ signing secret. It is returned only here, once."),
  previous_secret_expires_at: timestamp.describe("Until then, messages are signed with the previous secret too."),
});

const projectRef = { app_id: idSchema, project_id: idSchema };
export const listDeliveriesActionSchema = listDeliveriesQuerySchema.extend(projectRef);
export const redeliverActionSchema = z.strictObject({ ...projectRef, message_id: idSchema });
export const rotateSigningSecretActionSchema = z.strictObject(projectRef);
