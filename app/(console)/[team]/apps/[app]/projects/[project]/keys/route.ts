import { actionCaller } from "@/lib/http/actions/caller";
import { resultResponse } from "@/lib/http/actions/result";
import { runAppAction } from "@/lib/http/actions/team-action";
import { listProjectKeys } from "@/lib/domain/keys/queries";
import { projectKeysActionSchema } from "@/lib/domain/keys/schemas";
import { toConsoleKey } from "@/lib/domain/keys/serialize";

type Params = { params: Promise<{ team: string; app: string; project: string }> };

// GET /{team}/apps/{app}/projects/{project}/keys?q=&status=&environment_id=&sort=&dir=&page=&page_size=: one page of the keys table
export async function GET(request: Request, { params }: Params) {
  const { team, app, project } = await params;
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const result = await runAppAction(
    await actionCaller(team),
    "team:read",
    projectKeysActionSchema,
    { ...search, app_id: app, project_id: project },
    async (scope, query) => {
      const now = new Date();
      const page = await listProjectKeys(scope, query.project_id, query, now);
      return { ...page, rows: page.rows.map((row) => toConsoleKey(row, now)) };
    },
  );
  return resultResponse(result);
}
