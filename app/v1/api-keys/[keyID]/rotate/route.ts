import { parseJsonBody } from "@/lib/http/api/body";
import { withAppKey } from "@/lib/http/api/with-app-key";
import { rotateApiKeySchema } from "@/lib/domain/keys/schemas";
import { rotateApiKey } from "@/lib/domain/keys/rotate";
import { toRotatedApiKeyJson } from "@/lib/domain/keys/serialize";
import { otherMethods } from "@/lib/http/api/route-methods";

// POST /v1/api-keys/{keyID}/rotate: replace a key, old one valid for the grace period
export const POST = withAppKey<{ keyID: string }>("keys:write", async ({ request, scope, params }) => {
  const input = await parseJsonBody(request, rotateApiKeySchema);
  return Response.json(toRotatedApiKeyJson(await rotateApiKey(scope, params.keyID, input)));
});

// Any other method: 405 in the error shape, with Allow.
export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
