import { z } from "@/lib/core/zod";
import { parseJsonBody } from "@/lib/http/api/body";
import { withAppKey } from "@/lib/http/api/with-app-key";
import { redeliverWebhookMessage } from "@/lib/domain/webhooks/deliveries";
import { otherMethods } from "@/lib/http/api/route-methods";

// POST /v1/projects/{project_id}/webhook-deliveries/{message_id}/redeliver: send a message again now, while its payload is held
export const POST = withAppKey<{ project_id: string; message_id: string }>("webhooks:write", async ({ request, scope, params }) => {
  await parseJsonBody(request, z.strictObject({}));
  return Response.json(await redeliverWebhookMessage(scope, params.project_id, params.message_id));
});

// Any other method: 405 in the error shape, with Allow.
export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
