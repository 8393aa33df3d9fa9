import { z } from "zod";
import {
  appApiKeyListResponseSchema,
  appApiKeyResponseSchema,
  createAppApiKeySchema,
  createdAppApiKeyResponseSchema,
  renameAppApiKeySchema,
} from "../../domain/app-keys/schemas";
import {
  apiKeyListSchema,
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
import { type AnyOperation, OPERATION_LIST } from "../../domain/catalogue";
import { errorResponseSchema } from "./errors";
import { leakReceivedSchema, leakReportSchema } from "../../domain/keys/leaks";

// The OpenAPI 3.1 document, generated from the operation catalogue (lib/domain/catalogue.ts):
// paths, parameters, bodies and statuses come from each entry's `rest` binding and the same zod
// schemas that validate requests and shape responses, so the two cannot drift. Served at
// GET /v1/openapi.json.

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
  ApiKeyList: [apiKeyListSchema, "output"],
  CreatedApiKey: [createdApiKeySchema, "output"],
  RotatedApiKey: [rotatedApiKeySchema, "output"],
  CreateApiKeyRequest: [createApiKeySchema, "input"],
  UpdateApiKeyRequest: [updateApiKeySchema, "input"],
  RotateApiKeyRequest: [rotateApiKeySchema, "input"],
  VerifyApiKeyRequest: [verifyApiKeySchema, "input"],
  VerifyResult: [verifyResultSchema, "output"],
  LeakReport: [leakReportSchema, "input"],
  LeakReceived: [leakReceivedSchema, "output"],
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

/** A schema by its component's name when it has one, else inline. */
function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const named = Object.entries(COMPONENTS).find(([, [component, componentIo]]) => component === schema && componentIo === io);
  return named ? ref(named[0] as ComponentName) : jsonSchema(schema, io);
}
const content = (schema: JsonSchema) => ({ content: { "application/json": { schema } } });

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The request is invalid; details name each field.",
  401: "The bearer key is missing or invalid.",
  403: "The key's role does not allow this operation.",
  404: "Not found, or not in the key's app.",
  409: "The resource's state does not allow this change (a key's, or a webhook message's).",
  413: "The body is larger than 1 MB.",
  415: "The body is not application/json.",
  429: "Too many requests from this address; wait for Retry-After seconds.",
};

function errors(statuses: Iterable<number>) {
  return Object.fromEntries(
    [...new Set(statuses)].sort().map((s) => [String(s), { description: ERROR_DESCRIPTIONS[s] ?? "Error", ...json("Error") }]),
  );
}

/** Each path parameter in words; a path with a parameter missing here fails the document's test. */
const PATH_PARAMETERS: Record<string, string> = {
  app_id: "App ID",
  api_key_id: "API key ID",
  keyID: "Project API key ID",
  project_id: "Project ID",
  message_id: "Webhook message ID (the webhook-id header)",
  endpoint_id: "Webhook endpoint ID",
};

const pathParam = (name: string) => ({ name, in: "path", required: true, description: PATH_PARAMETERS[name], schema: { type: "string" } });
const pathParamsOf = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);

function queryParams(schema: z.ZodType) {
  const { properties = {}, required = [] } = jsonSchema(schema, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, property]) => ({ name, in: "query", required: required.includes(name), schema: property }));
}

const PAGED =
  "Pages: at most `limit` items (default 100, at most 1,000), in a stable order of (created_at, id). " +
  'The next page is `cursor=<next_cursor>` (also in the `Link` header, rel="next"), or `starting_after=<id of the last item>`; ' +
  "a walk returns every item that existed throughout it exactly once.";
const LINK_HEADER = {
  description: 'The next page, when there is one: `</v1/…?…&cursor=…>; rel="next"` (RFC 8288, as GitHub\'s REST API).',
  schema: { type: "string" },
};

const STATUS_TEXT = { 200: "OK", 201: "Created", 204: "No Content" } as const;

/** One entry's operation object: its parameters, body, answer and every status it can give. */
function operationObject(name: string, operation: AnyOperation) {
  const rest = operation.rest!;
  const statuses = [401, 403, 404, ...(rest.query ? [400] : []), ...(rest.body ? [400, 413, 415] : []), ...(rest.errors ?? [])];
  const description = rest.responseDescription ?? STATUS_TEXT[rest.status];
  const answer = rest.response ? { description, ...content(schemaOf(rest.response, "output")) } : { description };
  return {
    summary: operation.summary,
    operationId: name,
    ...(rest.description || rest.paged ? { description: [rest.description, rest.paged && PAGED].filter(Boolean).join(" ") } : {}),
    security: [{ bearerAuth: [] }],
    ...(rest.query ? { parameters: queryParams(rest.query) } : {}),
    ...(rest.body ? { requestBody: { required: !rest.body.safeParse({}).success, ...content(schemaOf(rest.body, "input")) } } : {}),
    responses: {
      [String(rest.status)]: rest.paged ? { ...answer, headers: { Link: LINK_HEADER } } : answer,
      ...errors(statuses),
    },
  };
}

/** Verification is the verify runtime's (lib/http/api/verifier.ts), not a catalogue entry: it answers before any of the catalogue loads. */
const VERIFY = {
  "/v1/api-keys/verify": {
    post: {
      summary: "Verify an API key",
      operationId: "verifyApiKey",
      security: [{ bearerAuth: [] }],
      requestBody: { required: true, ...json("VerifyApiKeyRequest") },
      responses: {
        "200": { description: "The verdict; `valid` is false for any rejected key.", ...json("VerifyResult") },
        ...errors([400, 401, 403, 413, 415]),
      },
    },
  },
};

/** The change stream is the front thread's (lib/http/api/change-stream.ts), served by `latchkey start` only. */
const CHANGES = {
  "/v1/api-keys/changes": {
    get: {
      summary: "Stream changes to the app's keys (Server-Sent Events)",
      operationId: "streamKeyChanges",
      description:
        "Every change to the caller's app's project keys and app keys, as Server-Sent Events: `id: <sequence>` and " +
        '`data: {"key_id", "change"}` (created, updated, rotated, revoked, deleted). `event: heartbeat` at least every 250 ms while the ' +
        "server knows of every change, so that a silent stream means a cache must stop trusting itself. Reconnect with `Last-Event-ID` " +
        "to get what was missed; `event: reset` when the log no longer reaches back that far, or when every key changed. " +
        "Never carries a secret or a hash. App keys of either role may listen.",
      security: [{ bearerAuth: [] }],
      parameters: [
        { name: "Last-Event-ID", in: "header", required: false, schema: { type: "string", pattern: "^\\d{1,15}$" } },
        { name: "last_event_id", in: "query", required: false, schema: { type: "string", pattern: "^\\d{1,15}$" } },
      ],
      responses: {
        "200": { description: "The stream", content: { "text/event-stream": { schema: { type: "string" } } } },
        ...errors([400, 401]),
      },
    },
  },
};

/** Leak reports are public (lib/http/api/leaks-route.ts): no app key, so not a catalogue entry. */
const LEAKS = {
  "/v1/leaks": {
    post: {
      summary: "Report leaked API keys",
      operationId: "reportLeakedKeys",
      description:
        "No authentication. Each string that passes a Latchkey key's checksum and is a live project key gets an `api_key.leaked` " +
        "event and an audit row, and its project's `on_leak` policy: `disable` (the default), `revoke` or `notify`. " +
        "Always 202 with how many strings were received, so a report never tells whether a key exists. 20 reports a minute per client address.",
      security: [],
      requestBody: { required: true, ...json("LeakReport") },
      responses: {
        "202": { description: "Received", ...json("LeakReceived") },
        ...errors([400, 413, 415, 429]),
      },
    },
  },
};

/** The /v1 paths of the catalogue, each with its path parameters and an operation per method. */
function catalogPaths() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { name, ...operation } of OPERATION_LIST) {
    if (!operation.rest) continue;
    const parameters = pathParamsOf(operation.rest.path).map(pathParam);
    const item = (paths[operation.rest.path] ??= parameters.length > 0 ? { parameters } : {});
    item[operation.rest.method.toLowerCase()] = operationObject(name, operation);
  }
  return paths;
}

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Latchkey API",
      version: "1.0.0",
      description:
        "Manage and verify API keys. Authenticate with an app API key: `Authorization: Bearer lk_app_…`. " +
        "Role `admin` may call every operation on its own app; role `verifier` may only call POST /v1/api-keys/verify. ",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An app API key (lk_app_…)." } },
      schemas: Object.fromEntries(Object.entries(COMPONENTS).map(([name, [schema, io]]) => [name, jsonSchema(schema, io)])),
    },
    paths: { ...catalogPaths(), ...VERIFY, ...CHANGES, ...LEAKS },
  };
}
