import { parseJsonBody } from "@/lib/api/body";
import { withAppKey } from "@/lib/api/with-app-key";
import { verifyApiKeySchema } from "@/lib/keys/schemas";
import { verifyApiKey } from "@/lib/keys/verify";
import { otherMethods } from "@/lib/api/route-methods";

// POST /v1/api-keys/verify: is this project key valid for the caller's app, with these scopes?
export const POST = withAppKey("keys:verify", async ({ request, scope }) => {
  const input = await parseJsonBody(request, verifyApiKeySchema);
  return Response.json(await verifyApiKey(scope, input));
});

// Any other method: 405 in the error shape, with Allow.
export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
