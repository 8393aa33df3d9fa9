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
};
