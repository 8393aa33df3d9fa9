import { z } from "zod";
import {
  appApiKeyListResponseSchema,
  appApiKeyResponseSchema,
  createAppApiKeySchema,
  createdAppApiKeyResponseSchema,
  renameAppApiKeySchema,
} from "../../domain/app-keys/schemas";
import {
  apiKeySchema,
  createApiKeySchema,
  createdApiKeySchema,
  rotateApiKeySchema,
  rotatedApiKeySchema,
  updateApiKeySchema,
  verifyApiKeySchema,
  verifyResultSchema,
  keyUsageSchema,
} from "../../domain/keys/schemas";
import { auditEventPageSchema } from "../../domain/audit/schemas";
import { keyPolicySchema, updateKeyPolicySchema } from "../../domain/projects/schemas";
import { rotatedSigningSecretSchema, webhookDeliveryPageSchema, webhookDeliverySchema } from "../../domain/webhooks/schemas";
import { errorResponseSchema } from "./errors";

// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests and
// shape responses, so the two cannot drift. Served at GET /v1/openapi.json.

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

const COMPONENTS = {
  AppApiKeyList: [appApiKeyListResponseSchema, "output"],
  AppApiKeyEnvelope: [appApiKeyResponseSchema, "output"],
  CreatedAppApiKeyEnvelope: [createdAppApiKeyResponseSchema, "output"],
  CreateAppApiKeyRequest: [createAppApiKeySchema, "input"],
  UpdateAppApiKeyRequest: [renameAppApiKeySchema, "input"],
  ApiKey: [apiKeySchema, "output"],
  ApiKeyList: [z.array(apiKeySchema), "output"],
  CreatedApiKey: [createdApiKeySchema, "output"],
  RotatedApiKey: [rotatedApiKeySchema, "output"],
  CreateApiKeyRequest: [createApiKeySchema, "input"],
  UpdateApiKeyRequest: [updateApiKeySchema, "input"],
  RotateApiKeyRequest: [rotateApiKeySchema, "input"],
  VerifyApiKeyRequest: [verifyApiKeySchema, "input"],
  VerifyResult: [verifyResultSchema, "output"],
  KeyUsage: [keyUsageSchema, "output"],
  AuditEventPage: [auditEventPageSchema, "output"],
  KeyPolicy: [keyPolicySchema, "output"],
  UpdateKeyPolicyRequest: [updateKeyPolicySchema, "input"],
  RotatedSigningSecret: [rotatedSigningSecretSchema, "output"],
  WebhookDelivery: [webhookDeliverySchema, "output"],
  WebhookDeliveryPage: [webhookDeliveryPageSchema, "output"],
  Error: [errorResponseSchema, "output"],
} as const satisfies Record<string, readonly [z.ZodType, "input" | "output"]>;

type ComponentName = keyof typeof COMPONENTS;

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: ComponentName) => ({ content: { "application/json": { schema: ref(name) } } });

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The request is invalid; details name each field.",
  401: "The bearer key is missing or invalid.",
  403: "The key's role does not allow this operation.",
  404: "Not found, or not in the key's app.",
  409: "The resource's state does not allow this change (a key's, or a webhook message's).",
  413: "The body is larger than 1 MB.",
  415: "The body is not application/json.",
};

function errors(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [String(s), { description: ERROR_DESCRIPTIONS[s], ...json("Error") }]));
}

const pathParam = (name: string, description: string) => ({ name, in: "path", required: true, description, schema: { type: "string" } });
const appId = pathParam("app_id", "App ID");
const appKeyId = pathParam("api_key_id", "API key ID");
const keyId = pathParam("keyID", "Project API key ID");
const projectId = pathParam("project_id", "Project ID");
const messageId = pathParam("message_id", "Webhook message ID (the webhook-id header)");
const BODY_ERRORS = [400, 401, 403, 404, 413, 415] as const;

function operation(summary: string, operationId: string, extra: Record<string, unknown>) {
  return { summary, operationId, security: [{ bearerAuth: [] }], ...extra };
}

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Latchkey API",
      version: "1.0.0",
      description:
        "Manage and verify API keys. Authenticate with an app API key: `Authorization: Bearer lk_app_…`. " +
        "Role `admin` may call every operation on its own app; role `verifier` may only call POST /v1/api-keys/verify.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An app API key (lk_app_…)." } },
      schemas: Object.fromEntries(Object.entries(COMPONENTS).map(([name, [schema, io]]) => [name, jsonSchema(schema, io)])),
    },
    paths: {
      "/v1/apps/{app_id}/api-keys": {
        parameters: [appId],
        get: operation("List API keys", "listAppApiKeys", {
          responses: { "200": { description: "OK", ...json("AppApiKeyList") }, ...errors(401, 403, 404) },
        }),
        post: operation("Create API key", "createAppApiKey", {
          requestBody: { required: true, ...json("CreateAppApiKeyRequest") },
          responses: { "201": { description: "Created", ...json("CreatedAppApiKeyEnvelope") }, ...errors(...BODY_ERRORS) },
        }),
      },
      "/v1/apps/{app_id}/api-keys/{api_key_id}": {
        parameters: [appId, appKeyId],
        get: operation("Get API key", "getAppApiKey", {
          responses: { "200": { description: "OK", ...json("AppApiKeyEnvelope") }, ...errors(401, 403, 404) },
        }),
        patch: operation("Update API key", "updateAppApiKey", {
          requestBody: { required: true, ...json("UpdateAppApiKeyRequest") },
          responses: { "200": { description: "OK", ...json("AppApiKeyEnvelope") }, ...errors(...BODY_ERRORS) },
        }),
        delete: operation("Delete API key", "deleteAppApiKey", {
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } },
            ...errors(401, 403, 404),
          },
        }),
      },
      "/v1/apps/{app_id}/audit-events": {
        parameters: [appId],
        get: operation("List audit events", "listAuditEvents", {
          parameters: [
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 50 } },
            { name: "cursor", in: "query", required: false, schema: { type: "string" } },
            ...["action", "actor_id", "target_id"].map((name) => ({ name, in: "query", required: false, schema: { type: "string" } })),
            ...["since", "until"].map((name) => ({ name, in: "query", required: false, schema: { type: "string", format: "date-time" } })),
          ],
          responses: { "200": { description: "Newest first", ...json("AuditEventPage") }, ...errors(400, 401, 403, 404) },
        }),
      },
      "/v1/api-keys": {
        get: operation("List API keys", "listApiKeys", {
          parameters: [{ name: "project_id", in: "query", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "OK", ...json("ApiKeyList") }, ...errors(400, 401, 403, 404) },
        }),
        post: operation("Create an API key", "createApiKey", {
          requestBody: { required: true, ...json("CreateApiKeyRequest") },
          responses: { "201": { description: "Created", ...json("CreatedApiKey") }, ...errors(...BODY_ERRORS) },
        }),
      },
      "/v1/api-keys/{keyID}": {
        parameters: [keyId],
        get: operation("Get an API key", "getApiKey", {
          responses: { "200": { description: "OK", ...json("ApiKey") }, ...errors(401, 403, 404) },
        }),
        patch: operation("Update an API key", "updateApiKey", {
          requestBody: { required: true, ...json("UpdateApiKeyRequest") },
          responses: { "200": { description: "OK", ...json("ApiKey") }, ...errors(...BODY_ERRORS, 409) },
        }),
        delete: operation("Revoke an API key", "revokeApiKey", {
          responses: { "204": { description: "Revoked" }, ...errors(401, 403, 404) },
        }),
      },
      "/v1/api-keys/{keyID}/rotate": {
        parameters: [keyId],
        post: operation("Rotate an API key with optional grace period", "rotateApiKey", {
          requestBody: { required: false, ...json("RotateApiKeyRequest") },
          responses: { "200": { description: "OK", ...json("RotatedApiKey") }, ...errors(...BODY_ERRORS, 409) },
        }),
      },
      "/v1/api-keys/{keyID}/usage": {
        parameters: [keyId],
        get: operation("Verifications of an API key over time, by outcome", "getApiKeyUsage", {
          parameters: [
            { name: "window", in: "query", required: false, schema: { type: "string", enum: ["24h", "7d", "30d"], default: "24h" } },
          ],
          responses: {
            "200": { description: "Hourly buckets for 24h and 7d, daily for 30d", ...json("KeyUsage") },
            ...errors(400, 401, 403, 404),
          },
        }),
      },
      "/v1/projects/{project_id}/key-policy": {
        parameters: [projectId],
        get: operation("Get a project's key policy", "getKeyPolicy", {
          responses: { "200": { description: "OK", ...json("KeyPolicy") }, ...errors(401, 403, 404) },
        }),
        patch: operation("Update a project's key policy", "updateKeyPolicy", {
          description:
            "Defaults for new keys and limits every new or rotated key must keep. Existing keys are not changed. null clears a setting.",
          requestBody: { required: true, ...json("UpdateKeyPolicyRequest") },
          responses: { "200": { description: "OK", ...json("KeyPolicy") }, ...errors(...BODY_ERRORS) },
        }),
      },
      "/v1/projects/{project_id}/webhook-secret/rotate": {
        parameters: [projectId],
        post: operation("Create or rotate a project's webhook signing secret", "rotateWebhookSigningSecret", {
          description: "The new whsec_ secret is answered only here, once. After a rotation the previous secret signs beside it for a day.",
          requestBody: { required: false, content: { "application/json": { schema: { type: "object", additionalProperties: false } } } },
          responses: { "200": { description: "OK", ...json("RotatedSigningSecret") }, ...errors(...BODY_ERRORS) },
        }),
      },
      "/v1/projects/{project_id}/webhook-deliveries": {
        parameters: [projectId],
        get: operation("List a project's webhook deliveries", "listWebhookDeliveries", {
          parameters: [
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
            { name: "cursor", in: "query", required: false, schema: { type: "string" } },
          ],
          responses: {
            "200": { description: "Newest first, each message with its attempts", ...json("WebhookDeliveryPage") },
            ...errors(400, 401, 403, 404),
          },
        }),
      },
      "/v1/projects/{project_id}/webhook-deliveries/{message_id}/redeliver": {
        parameters: [projectId, messageId],
        post: operation("Redeliver a webhook message now", "redeliverWebhookMessage", {
          description:
            "One more attempt, now, recorded in the log. An api_key.rotated message can be redelivered only while its new key is held (409 after).",
          requestBody: { required: false, content: { "application/json": { schema: { type: "object", additionalProperties: false } } } },
          responses: {
            "200": { description: "The message after the attempt", ...json("WebhookDelivery") },
            ...errors(...BODY_ERRORS, 409),
          },
        }),
      },
      "/v1/api-keys/verify": {
        post: operation("Verify an API key", "verifyApiKey", {
          requestBody: { required: true, ...json("VerifyApiKeyRequest") },
          responses: {
            "200": { description: "The verdict; `valid` is false for any rejected key.", ...json("VerifyResult") },
            ...errors(400, 401, 403, 413, 415),
          },
        }),
      },
    },
  };
}
