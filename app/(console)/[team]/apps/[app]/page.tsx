import { CopyableId } from "@/components/console/copy-button";
import { PageHeader } from "@/components/console/page-header";
import { listAppApiKeys, toConsoleAppApiKey } from "@/lib/domain/app-keys/service";
import { requireApp } from "@/lib/http/auth/session";
import { listProjectsWithCounts } from "@/lib/domain/projects/service";
import { MAX_PAGE_LIMIT } from "@/lib/core/pagination";
import { roleCan } from "@/lib/domain/teams/permissions";
import { AppKeys } from "./_components/app-keys";
import { ProjectsList } from "./_components/projects-list";

type Props = { params: Promise<{ team: string; app: string }> };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export default async function AppPage({ params }: Props) {
  const { team: slug, app: appId } = await params;
  const { membership, app, scope } = await requireApp(slug, appId);
  const [projects, appKeys] = await Promise.all([listProjectsWithCounts(scope), listAppApiKeys(scope, { limit: MAX_PAGE_LIMIT })]);
  const base = `/${slug}/apps/${app.id}`;
  return (
    <>
      <PageHeader
        title={app.name}
        description={<CopyableId id={app.id} label="Copy app ID" />}
        crumbs={[{ label: "Apps", href: `/${slug}` }]}
      />
      <div className="grid grid-cols-1 gap-10 [&>*]:min-w-0">
        <section aria-labelledby="projects-heading">
          <h2 id="projects-heading" className="mb-1 text-lg font-medium">
            Projects
          </h2>
          <p className="mb-3 text-sm text-muted-foreground">Each project has its own keys, environments and rotation policy.</p>
          <ProjectsList
            teamSlug={slug}
            appId={app.id}
            canWrite={roleCan(membership.role, "projects:write")}
            projects={projects.map((p) => ({
              id: p.id,
              name: p.name,
              href: `${base}/projects/${p.id}`,
              meta: `${plural(p._count.apiKeys, "key")} · ${plural(p._count.environments, "environment")}`,
            }))}
          />
        </section>
        <section aria-labelledby="app-keys-heading">
          <h2 id="app-keys-heading" className="mb-1 text-lg font-medium">
            App admin keys
          </h2>
          <p className="mb-3 text-sm text-muted-foreground">
            Your backends use these to call the Latchkey API for this app. An <strong>admin</strong> key manages keys; a{" "}
            <strong>verifier</strong> key can only verify them.
          </p>
          <AppKeys
            teamSlug={slug}
            appId={app.id}
            canWrite={roleCan(membership.role, "app_keys:write")}
            initialKeys={appKeys.items.map(toConsoleAppApiKey)}
          />
          {appKeys.next_cursor && (
            <p className="mt-2 text-sm text-muted-foreground">
              The oldest {MAX_PAGE_LIMIT.toLocaleString("en")} keys are shown. List every key with GET /v1/apps/{app.id}/api-keys.
            </p>
          )}
        </section>
      </div>
    </>
  );
}
