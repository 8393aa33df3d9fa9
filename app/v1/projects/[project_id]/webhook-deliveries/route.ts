import { parseQuery } from "@/lib/http/api/body";
import { withAppKey } from "@/lib/http/api/with-app-key";
import { listWebhookDeliveries } from "@/lib/domain/webhooks/deliveries";
import { listDeliveriesQuerySchema } from "@/lib/domain/webhooks/schemas";
import { otherMethods } from "@/lib/http/api/route-methods";

// GET /v1/projects/{project_id}/webhook-deliveries: the delivery log, newest first, with each message's attempts
export const GET = withAppKey<{ project_id: string }>("webhooks:read", async ({ request, scope, params }) => {
  return Response.json(await listWebhookDeliveries(scope, params.project_id, parseQuery(request, listDeliveriesQuerySchema)));
});

// Any other method: 405 in the error shape, with Allow.
export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
