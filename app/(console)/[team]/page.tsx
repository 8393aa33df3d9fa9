import { PageHeader } from "@/components/console/page-header";
import { listApps } from "@/lib/domain/apps/queries";
import { requireMember } from "@/lib/http/auth/session";
import { roleCan } from "@/lib/domain/teams/permissions";
import { AppsList } from "./_components/apps-list";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export default async function TeamHomePage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { membership } = await requireMember(slug);
  if (!membership) return null;
  const apps = await listApps({ teamId: membership.team.id });
  return (
    <>
      <PageHeader title={membership.team.name} description={`Your role: ${membership.role}. Apps group your projects and their keys.`} />
      <h2 className="mb-3 text-lg font-medium">Apps</h2>
      <AppsList
        teamSlug={membership.team.slug}
        canWrite={roleCan(membership.role, "apps:write")}
        apps={apps.map((app) => ({
          id: app.id,
          name: app.name,
          href: `/${membership.team.slug}/apps/${app.id}`,
          meta: `${plural(app._count.projects, "project")} · ${plural(app._count.apiKeys, "admin key")}`,
        }))}
      />
    </>
  );
}
