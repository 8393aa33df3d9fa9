import { listApps } from "@/lib/apps/queries";
import { requireMember } from "@/lib/auth/session";
import { roleCan } from "@/lib/teams/permissions";
import { CreateAppForm } from "./_components/create-app-form";

export default async function TeamHomePage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { membership } = await requireMember(slug);
  if (!membership) return null;
  const apps = await listApps({ teamId: membership.team.id });
  return (
    <section className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{membership.team.name}</h1>
        <p className="text-sm text-muted-foreground">Your role: {membership.role}</p>
      </div>
      <h2 className="text-lg font-medium">Apps</h2>
      {roleCan(membership.role, "apps:write") ? <CreateAppForm teamSlug={membership.team.slug} /> : null}
      {apps.length === 0 ? (
        <p className="rounded-md border border-dashed border-border p-6 text-sm text-muted-foreground">
          No apps yet. {roleCan(membership.role, "apps:write") ? "Create the first one above." : "An admin of this team can create one."}
        </p>
      ) : (
        <ul className="divide-y divide-border rounded-md border border-border">
          {apps.map((app) => (
            <li key={app.id} className="flex items-center justify-between px-4 py-3">
              <span className="font-medium">{app.name}</span>
              <span className="text-sm text-muted-foreground">
                {app._count.projects} projects · {app._count.apiKeys} admin keys
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
