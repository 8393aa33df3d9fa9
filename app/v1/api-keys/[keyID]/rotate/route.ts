import { parseJsonBody } from "@/lib/api/body";
import { withAppKey } from "@/lib/api/with-app-key";
import { rotateApiKeySchema } from "@/lib/keys/schemas";
import { rotateApiKey } from "@/lib/keys/rotate";
import { toRotatedApiKeyJson } from "@/lib/keys/serialize";
import { otherMethods } from "@/lib/api/route-methods";

// POST /v1/api-keys/{keyID}/rotate: replace a key, old one valid for the grace period
export const POST = withAppKey<{ keyID: string }>("keys:write", async ({ request, scope, params }) => {
  const input = await parseJsonBody(request, rotateApiKeySchema);
  return Response.json(toRotatedApiKeyJson(await rotateApiKey(scope, params.keyID, input)));
});

// Any other method: 405 in the error shape, with Allow.
export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
