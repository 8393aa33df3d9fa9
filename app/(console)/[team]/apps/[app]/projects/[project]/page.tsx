import { CopyableId } from "@/components/console/copy-button";
import { ProjectHeader } from "@/components/console/project-header";
import { UsageChart } from "@/components/console/usage-chart";
import { Badge } from "@/components/ui/badge";
import { requireProject } from "@/lib/http/auth/session";
import { listProjectKeys, listProjectScopes } from "@/lib/domain/keys/queries";
import { listProjectKeysQuerySchema } from "@/lib/domain/keys/schemas";
import { toConsoleKey } from "@/lib/domain/keys/serialize";
import { getProjectUsage } from "@/lib/domain/keys/usage-report";
import { toKeyPolicyJson } from "@/lib/domain/projects/key-policy";
import { roleCan } from "@/lib/domain/teams/permissions";
import { KeysTable } from "./_components/keys-table";

type Props = {
  params: Promise<{ team: string; app: string; project: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ProjectPage({ params, searchParams }: Props) {
  const { team: slug, app: appId, project: projectId } = await params;
  const { membership, app, scope, project } = await requireProject(slug, appId, projectId);
  // A hand-edited address with a bad filter shows the default view rather than an error.
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = listProjectKeysQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listProjectKeysQuerySchema.parse({});
  const now = new Date();
  const [page, scopes, usage] = await Promise.all([
    listProjectKeys(scope, project.id, query, now),
    listProjectScopes(scope, project.id),
    getProjectUsage(scope, project.id, "24h", now),
  ]);
  const base = `/${slug}/apps/${app.id}`;

  return (
    <>
      <ProjectHeader teamSlug={slug} app={app} project={project} />
      <div className="grid grid-cols-1 gap-8 [&>*]:min-w-0">
        <section aria-labelledby="environments-heading">
          <h2 id="environments-heading" className="mb-2 text-lg font-medium">
            Environments
          </h2>
          <ul className="flex flex-wrap gap-2">
            {project.environments.map((env) => (
              <li
                key={env.id}
                className="flex max-w-full min-w-0 flex-wrap items-center gap-2 rounded-md border border-border bg-card px-3 py-2 text-sm"
              >
                <span className="font-medium">{env.name}</span>
                <Badge variant={env.kind === "live" ? "default" : "secondary"}>{env.kind === "live" ? "lk_live_" : "lk_test_"}</Badge>
                <CopyableId id={env.id} label={`Copy environment ID of ${env.name}`} className="text-muted-foreground" />
              </li>
            ))}
          </ul>
        </section>
        <UsageChart
          teamSlug={slug}
          target={project.id}
          url={`${base}/projects/${project.id}/usage`}
          initial={usage}
          title="Verifications"
        />
        <section aria-labelledby="keys-heading">
          <h2 id="keys-heading" className="mb-3 text-lg font-medium">
            API keys
          </h2>
          <KeysTable
            teamSlug={slug}
            appId={app.id}
            projectId={project.id}
            environments={project.environments.map((e) => ({ id: e.id, name: e.name, kind: e.kind }))}
            policy={toKeyPolicyJson(project)}
            scopeSuggestions={scopes}
            canWrite={roleCan(membership.role, "keys:write")}
            initialQuery={{
              q: query.q ?? "",
              status: query.status ?? "",
              environment_id: query.environment_id ?? "",
              sort: query.sort,
              dir: query.dir,
              page: query.page,
              page_size: query.page_size,
            }}
            initialPage={{ ...page, rows: page.rows.map((row) => toConsoleKey(row, now)) }}
          />
        </section>
      </div>
    </>
  );
}
