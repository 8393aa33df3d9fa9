import { parseQuery } from "@/lib/http/api/body";
import { withAppKey } from "@/lib/http/api/with-app-key";
import { keyUsageQuerySchema } from "@/lib/domain/keys/schemas";
import { getKeyUsage } from "@/lib/domain/keys/usage-report";
import { otherMethods } from "@/lib/http/api/route-methods";

// GET /v1/api-keys/{keyID}/usage?window=24h|7d|30d: verifications of a key by outcome over time
export const GET = withAppKey<{ keyID: string }>("keys:read", async ({ request, scope, params }) => {
  const { window } = parseQuery(request, keyUsageQuerySchema);
  return Response.json(await getKeyUsage(scope, params.keyID, window));
});

// Any other method: 405 in the error shape, with Allow.
export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
