import { parseJsonBody } from "@/lib/http/api/body";
import { withAppKey } from "@/lib/http/api/with-app-key";
import { createdAppApiKeyResponseSchema, appApiKeyListResponseSchema, createAppApiKeySchema } from "@/lib/domain/app-keys/schemas";
import { createAppApiKey, listAppApiKeys, toAppApiKeyJson } from "@/lib/domain/app-keys/service";
import { otherMethods } from "@/lib/http/api/route-methods";

// GET /v1/apps/{app_id}/api-keys: the app's admin keys, without secrets
export const GET = withAppKey("app_keys:read", async ({ scope }) => {
  const rows = await listAppApiKeys(scope);
  return Response.json(appApiKeyListResponseSchema.parse({ api_keys: rows.map(toAppApiKeyJson) }));
});

// POST /v1/apps/{app_id}/api-keys: create an admin key; plaintext_key is returned only here
export const POST = withAppKey("app_keys:write", async ({ request, scope }) => {
  const input = await parseJsonBody(request, createAppApiKeySchema);
  const { row, plaintext } = await createAppApiKey(scope, input);
  const body = createdAppApiKeyResponseSchema.parse({ api_key: { ...toAppApiKeyJson(row), plaintext_key: plaintext } });
  return Response.json(body, { status: 201 });
});

// Any other method: 405 in the error shape, with Allow.
export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST });
