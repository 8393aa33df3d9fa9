import { parseJsonBody, parseQuery } from "@/lib/http/api/body";
import { withAppKey } from "@/lib/http/api/with-app-key";
import { createApiKeySchema, createdApiKeySchema, listApiKeysQuerySchema } from "@/lib/domain/keys/schemas";
import { toApiKeyJson } from "@/lib/domain/keys/serialize";
import { createApiKey, listApiKeys } from "@/lib/domain/keys/service";
import { otherMethods } from "@/lib/http/api/route-methods";

// GET /v1/api-keys?project_id=…: every key of a project, as a bare array, without secrets
export const GET = withAppKey("keys:read", async ({ request, scope }) => {
  const { project_id } = parseQuery(request, listApiKeysQuerySchema);
  const rows = await listApiKeys(scope, project_id);
  return Response.json(rows.map(toApiKeyJson));
});

// POST /v1/api-keys: create a project key; `key` (the plaintext) is returned only here
export const POST = withAppKey("keys:write", async ({ request, scope }) => {
  const input = await parseJsonBody(request, createApiKeySchema);
  const { row, plaintext } = await createApiKey(scope, input);
  return Response.json(createdApiKeySchema.parse({ ...toApiKeyJson(row), key: plaintext }), { status: 201 });
});

// Any other method: 405 in the error shape, with Allow.
export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST });
