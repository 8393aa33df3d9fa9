import { z } from "../../core/zod";
import { pageQueryFields } from "../../core/pagination";
import { idSchema, timestampOutputSchema } from "../../core/schemas";
import { webhookUrlSchema } from "./url-schema";

// A project's webhook endpoints: every lifecycle event of its keys that an endpoint subscribes to
// is sent to it, signed with the project's signing secret (Standard Webhooks). The per-key
// rotation_webhook_url of seed 001 stays: it alone receives a rotation's new secret.

export const ENDPOINT_EVENT_TYPES = [
  "api_key.created",
  "api_key.rotated",
  "api_key.revoked",
  "api_key.disabled",
  "api_key.enabled",
  "api_key.expiring",
  "api_key.expired",
  "api_key.leaked",
  "api_key.stale_warning",
  "api_key.credits_low",
] as const;
export type EndpointEventType = (typeof ENDPOINT_EVENT_TYPES)[number];

/** At most this many endpoints per project: each event is one outbox row per endpoint. */
export const MAX_ENDPOINTS = 20;

export const createEndpointSchema = z.strictObject({
  url: webhookUrlSchema,
  events: z
    .array(z.enum(ENDPOINT_EVENT_TYPES))
    .min(1, "subscribe to at least one event")
    .max(ENDPOINT_EVENT_TYPES.length)
    .transform((events) => [...new Set(events)]),
});
export type CreateEndpointInput = z.output<typeof createEndpointSchema>;

export const listEndpointsQuerySchema = z.object(pageQueryFields());

export const webhookEndpointSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  url: z.string(),
  events: z.array(z.enum(ENDPOINT_EVENT_TYPES)),
  created_at: timestampOutputSchema,
});
export type WebhookEndpointJson = z.infer<typeof webhookEndpointSchema>;
export const webhookEndpointListSchema = z.object({
  webhook_endpoints: z.array(webhookEndpointSchema).describe("Oldest first."),
  next_cursor: z.string().nullable(),
});

const projectRef = { app_id: idSchema, project_id: idSchema };
export const createEndpointActionSchema = createEndpointSchema.extend(projectRef);
export const listEndpointsActionSchema = listEndpointsQuerySchema.extend(projectRef);
export const deleteEndpointActionSchema = z.strictObject({ ...projectRef, endpoint_id: idSchema });
