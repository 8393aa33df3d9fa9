import "server-only";
import { z } from "../../core/zod";
import { defineOperation } from "../operation";
import { listWebhookDeliveries, redeliverWebhookMessage } from "./deliveries";
import {
  listDeliveriesActionSchema,
  listDeliveriesQuerySchema,
  redeliverActionSchema,
  rotatedSigningSecretSchema,
  rotateSigningSecretActionSchema,
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
} from "./schemas";
import { rotateWebhookSigningSecret, toRotatedSigningSecretJson } from "./signing-secret";
import {
  createEndpointActionSchema,
  createEndpointSchema,
  deleteEndpointActionSchema,
  listEndpointsActionSchema,
  listEndpointsQuerySchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
} from "./endpoint-schemas";
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookEndpoints, toEndpointJson } from "./endpoints";

// A project's webhooks: its signing secret and its delivery log.

/** A POST that takes no fields: no body, `{}`, or nothing else. */
const noFields = z.strictObject({});

export const webhookOperations = {
  rotateWebhookSigningSecret: defineOperation({
    summary: "Create or rotate a project's webhook signing secret",
    tenant: "app",
    input: rotateSigningSecretActionSchema,
    // The new secret leaves the server this once; it is kept sealed.
    run: async (scope, input) => toRotatedSigningSecretJson(await rotateWebhookSigningSecret(scope, input.project_id)),
    rest: {
      method: "POST",
      path: "/v1/projects/{project_id}/webhook-secret/rotate",
      permission: "projects:write",
      status: 200,
      body: noFields,
      input: ({ appId, params }) => ({ app_id: appId, project_id: params.project_id! }),
      response: rotatedSigningSecretSchema,
      description: "The new whsec_ secret is answered only here, once. After a rotation the previous secret signs beside it for a day.",
    },
    console: { permission: "projects:write", action: "rotateSigningSecret" },
  }),
  listWebhookDeliveries: defineOperation({
    summary: "List a project's webhook deliveries",
    tenant: "app",
    input: listDeliveriesActionSchema,
    run: (scope, input) => listWebhookDeliveries(scope, input.project_id, input),
    rest: {
      method: "GET",
      path: "/v1/projects/{project_id}/webhook-deliveries",
      permission: "webhooks:read",
      status: 200,
      query: listDeliveriesQuerySchema,
      input: ({ appId, params, query }) => ({ ...query, app_id: appId, project_id: params.project_id! }),
      response: webhookDeliveryPageSchema,
      paged: true,
      responseDescription: "Newest first, each message with its attempts",
    },
    console: {
      permission: "team:read",
      route: {
        path: "/[team]/apps/[app]/projects/[project]/webhooks/deliveries",
        input: ({ params, search }) => ({ ...search, app_id: params.app, project_id: params.project }),
      },
    },
  }),
  redeliverWebhookMessage: defineOperation({
    summary: "Redeliver a webhook message now",
    tenant: "app",
    input: redeliverActionSchema,
    run: (scope, input) => redeliverWebhookMessage(scope, input.project_id, input.message_id),
    rest: {
      method: "POST",
      path: "/v1/projects/{project_id}/webhook-deliveries/{message_id}/redeliver",
      permission: "webhooks:write",
      status: 200,
      body: noFields,
      input: ({ appId, params }) => ({ app_id: appId, project_id: params.project_id!, message_id: params.message_id! }),
      response: webhookDeliverySchema,
      responseDescription: "The message after the attempt",
      description:
        "One more attempt, now, recorded in the log. An api_key.rotated message can be redelivered only while its new key is held (409 after).",
      errors: [409],
    },
    console: { permission: "webhooks:write", action: "redeliverWebhook" },
  }),
  createWebhookEndpoint: defineOperation({
    summary: "Add a webhook endpoint to a project",
    tenant: "app",
    input: createEndpointActionSchema,
    run: async (scope, { app_id: _, project_id, ...input }) => toEndpointJson(await createWebhookEndpoint(scope, project_id, input)),
    rest: {
      method: "POST",
      path: "/v1/projects/{project_id}/webhook-endpoints",
      permission: "webhooks:write",
      status: 201,
      body: createEndpointSchema,
      input: ({ appId, params, body }) => ({ ...body, app_id: appId, project_id: params.project_id! }),
      response: webhookEndpointSchema,
      description:
        "Every event of the project's keys that the endpoint subscribes to is sent to it, signed with the project's signing secret " +
        "(Standard Webhooks), with the outbox's retries and delivery log and the same rules for where it may send. No event carries a secret: " +
        "a rotation's new key goes only to the key's own rotation_webhook_url. At most 20 endpoints a project.",
    },
    console: { permission: "webhooks:write", action: "createWebhookEndpoint" },
  }),
  listWebhookEndpoints: defineOperation({
    summary: "List a project's webhook endpoints",
    tenant: "app",
    input: listEndpointsActionSchema,
    run: async (scope, { app_id: _, project_id, ...page }) => {
      const { items, next_cursor } = await listWebhookEndpoints(scope, project_id, page);
      return { webhook_endpoints: items.map(toEndpointJson), next_cursor };
    },
    rest: {
      method: "GET",
      path: "/v1/projects/{project_id}/webhook-endpoints",
      permission: "webhooks:read",
      status: 200,
      query: listEndpointsQuerySchema,
      input: ({ appId, params, query }) => ({ ...query, app_id: appId, project_id: params.project_id! }),
      response: webhookEndpointListSchema,
      paged: true,
    },
  }),
  deleteWebhookEndpoint: defineOperation({
    summary: "Remove a project's webhook endpoint",
    tenant: "app",
    input: deleteEndpointActionSchema,
    run: async (scope, input) => (await deleteWebhookEndpoint(scope, input.project_id, input.endpoint_id), null),
    rest: {
      method: "DELETE",
      path: "/v1/projects/{project_id}/webhook-endpoints/{endpoint_id}",
      permission: "webhooks:write",
      status: 204,
      input: ({ appId, params }) => ({ app_id: appId, project_id: params.project_id!, endpoint_id: params.endpoint_id! }),
      responseDescription: "Removed; messages already queued for it are still delivered",
    },
    console: { permission: "webhooks:write", action: "deleteWebhookEndpoint" },
  }),
};
