import { parseJsonBody } from "@/lib/http/api/body";
import { withAppKey } from "@/lib/http/api/with-app-key";
import { updateApiKeySchema } from "@/lib/domain/keys/schemas";
import { toApiKeyJson } from "@/lib/domain/keys/serialize";
import { getApiKey, revokeApiKey, updateApiKey } from "@/lib/domain/keys/service";
import { otherMethods } from "@/lib/http/api/route-methods";

type Params = { keyID: string };

// GET /v1/api-keys/{keyID}: one project key, without its secret
export const GET = withAppKey<Params>("keys:read", async ({ scope, params }) => {
  return Response.json(toApiKeyJson(await getApiKey(scope, params.keyID)));
});

// PATCH /v1/api-keys/{keyID}: rename a key or change its scopes, expiry or rotation policy
export const PATCH = withAppKey<Params>("keys:write", async ({ request, scope, params }) => {
  const input = await parseJsonBody(request, updateApiKeySchema);
  return Response.json(toApiKeyJson(await updateApiKey(scope, params.keyID, input)));
});

// DELETE /v1/api-keys/{keyID}: revoke a key at once, grace period or not
export const DELETE = withAppKey<Params>("keys:write", async ({ scope, params }) => {
  await revokeApiKey(scope, params.keyID);
  return new Response(null, { status: 204 });
});

// Any other method: 405 in the error shape, with Allow.
export const { POST, PUT } = otherMethods({ GET, PATCH, DELETE });
