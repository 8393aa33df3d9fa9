import { z } from "@/lib/core/zod";
import { parseJsonBody } from "@/lib/http/api/body";
import { withAppKey } from "@/lib/http/api/with-app-key";
import { rotateWebhookSigningSecret, toRotatedSigningSecretJson } from "@/lib/domain/webhooks/signing-secret";
import { otherMethods } from "@/lib/http/api/route-methods";

// POST /v1/projects/{project_id}/webhook-secret/rotate: a new signing secret, answered once; the old one signs beside it for a day
export const POST = withAppKey<{ project_id: string }>("projects:write", async ({ request, scope, params }) => {
  await parseJsonBody(request, z.strictObject({}));
  return Response.json(toRotatedSigningSecretJson(await rotateWebhookSigningSecret(scope, params.project_id)));
});

// Any other method: 405 in the error shape, with Allow.
export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
