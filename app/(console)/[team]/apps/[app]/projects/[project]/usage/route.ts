import { actionCaller } from "@/lib/http/actions/caller";
import { resultResponse } from "@/lib/http/actions/result";
import { runAppAction } from "@/lib/http/actions/team-action";
import { usageActionSchema } from "@/lib/domain/keys/schemas";
import { getProjectUsage } from "@/lib/domain/keys/usage-report";

type Params = { params: Promise<{ team: string; app: string; project: string }> };

// GET /{team}/apps/{app}/projects/{project}/usage?window=24h|7d|30d: the project's verifications by outcome
export async function GET(request: Request, { params }: Params) {
  const { team, app, project } = await params;
  const window = new URL(request.url).searchParams.get("window") ?? undefined;
  return resultResponse(
    await runAppAction(
      await actionCaller(team),
      "team:read",
      usageActionSchema,
      { window, app_id: app, project_id: project },
      (scope, query) => getProjectUsage(scope, project, query.window),
    ),
  );
}
