import { parseQuery } from "@/lib/api/body";
import { withAppKey } from "@/lib/api/with-app-key";
import { listAuditEvents } from "@/lib/audit/queries";
import { listAuditEventsQuerySchema } from "@/lib/audit/schemas";
import { otherMethods } from "@/lib/api/route-methods";

// GET /v1/apps/{app_id}/audit-events: the app's audit trail, newest first, with cursor pagination
export const GET = withAppKey("audit:read", async ({ request, scope }) => {
  return Response.json(await listAuditEvents(scope, parseQuery(request, listAuditEventsQuerySchema)));
});

// Any other method: 405 in the error shape, with Allow.
export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
