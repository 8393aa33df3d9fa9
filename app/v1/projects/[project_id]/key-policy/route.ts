import { parseJsonBody } from "@/lib/http/api/body";
import { withAppKey } from "@/lib/http/api/with-app-key";
import { getKeyPolicy, updateKeyPolicy } from "@/lib/domain/projects/key-policy";
import { updateKeyPolicySchema } from "@/lib/domain/projects/schemas";
import { otherMethods } from "@/lib/http/api/route-methods";

type Params = { project_id: string };

// GET /v1/projects/{project_id}/key-policy: the project's defaults and limits for its keys
export const GET = withAppKey<Params>("projects:read", async ({ scope, params }) => {
  return Response.json(await getKeyPolicy(scope, params.project_id));
});

// PATCH /v1/projects/{project_id}/key-policy: change defaults, maximum lifetime or required expiry (null clears)
export const PATCH = withAppKey<Params>("projects:write", async ({ request, scope, params }) => {
  const input = await parseJsonBody(request, updateKeyPolicySchema);
  return Response.json(await updateKeyPolicy(scope, params.project_id, input));
});

// Any other method: 405 in the error shape, with Allow.
export const { POST, PUT, DELETE } = otherMethods({ GET, PATCH });
