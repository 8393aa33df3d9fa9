import { parseJsonBody } from "@/lib/http/api/body";
import { withAppKey } from "@/lib/http/api/with-app-key";
import { appApiKeyResponseSchema, renameAppApiKeySchema } from "@/lib/domain/app-keys/schemas";
import { deleteAppApiKey, getAppApiKey, renameAppApiKey, toAppApiKeyJson } from "@/lib/domain/app-keys/service";
import { otherMethods } from "@/lib/http/api/route-methods";

type Params = { app_id: string; api_key_id: string };

// GET /v1/apps/{app_id}/api-keys/{api_key_id}: one admin key, without its secret
export const GET = withAppKey<Params>("app_keys:read", async ({ scope, params }) => {
  const row = await getAppApiKey(scope, params.api_key_id);
  return Response.json(appApiKeyResponseSchema.parse({ api_key: toAppApiKeyJson(row) }));
});

// PATCH /v1/apps/{app_id}/api-keys/{api_key_id}: rename an admin key
export const PATCH = withAppKey<Params>("app_keys:write", async ({ request, scope, params }) => {
  const input = await parseJsonBody(request, renameAppApiKeySchema);
  const row = await renameAppApiKey(scope, params.api_key_id, input);
  return Response.json(appApiKeyResponseSchema.parse({ api_key: toAppApiKeyJson(row) }));
});

// DELETE /v1/apps/{app_id}/api-keys/{api_key_id}: delete an admin key; it stops working at once
export const DELETE = withAppKey<Params>("app_keys:write", async ({ scope, params }) => {
  await deleteAppApiKey(scope, params.api_key_id);
  return Response.json({});
});

// Any other method: 405 in the error shape, with Allow.
export const { POST, PUT } = otherMethods({ GET, PATCH, DELETE });
