import { actionCaller } from "@/lib/http/actions/caller";
import { resultResponse } from "@/lib/http/actions/result";
import { runAppAction } from "@/lib/http/actions/team-action";
import { listWebhookDeliveries } from "@/lib/domain/webhooks/deliveries";
import { listDeliveriesActionSchema } from "@/lib/domain/webhooks/schemas";

type Params = { params: Promise<{ team: string; app: string; project: string }> };

// GET /{team}/apps/{app}/projects/{project}/webhooks/deliveries?limit=&cursor=: one page of the delivery log
export async function GET(request: Request, { params }: Params) {
  const { team, app, project } = await params;
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const result = await runAppAction(
    await actionCaller(team),
    "team:read",
    listDeliveriesActionSchema,
    { ...search, app_id: app, project_id: project },
    (scope, query) => listWebhookDeliveries(scope, query.project_id, query),
  );
  return resultResponse(result);
}
