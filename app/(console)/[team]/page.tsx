import { listApps } from "@/lib/apps/queries";
import { requireMember } from "@/lib/auth/session";

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
      {apps.length === 0 ? (
        <p className="rounded-md border border-dashed border-border p-6 text-sm text-muted-foreground">
          No apps yet. Create one with <code className="font-mono">npx latchkey bootstrap</code>; creating apps from the console comes next.
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
