import { parseQuery } from "@/lib/http/api/body";
import { withAppKey } from "@/lib/http/api/with-app-key";
import { listAuditEvents } from "@/lib/domain/audit/queries";
import { listAuditEventsQuerySchema } from "@/lib/domain/audit/schemas";
import { otherMethods } from "@/lib/http/api/route-methods";

// GET /v1/apps/{app_id}/audit-events: the app's audit trail, newest first, with cursor pagination
export const GET = withAppKey("audit:read", async ({ request, scope }) => {
  return Response.json(await listAuditEvents(scope, parseQuery(request, listAuditEventsQuerySchema)));
});

// Any other method: 405 in the error shape, with Allow.
export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
