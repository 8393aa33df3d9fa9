import { notFound } from "next/navigation";
import { CopyableId } from "@/components/console/copy-button";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { currentUser, requireMember } from "@/lib/http/auth/session";
import { emailDomain } from "@/lib/domain/teams/domains";
import { roleCan } from "@/lib/domain/teams/permissions";
import { countTeamContents } from "@/lib/domain/teams/service";
import type { TeamRole } from "@/lib/domain/teams/roles";
import { AutoJoinForm } from "./_components/auto-join-form";
import { DeleteTeam } from "./_components/delete-team";
import { TeamName } from "./_components/team-name";

export default async function SettingsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const [{ membership }, user] = await Promise.all([requireMember(slug), currentUser()]);
  if (!membership) notFound();
  const { team, role } = membership;
  const contents = roleCan(role, "team:delete") ? await countTeamContents({ teamId: team.id }) : null;
  const autoJoin = team.autoJoinDomain
    ? { domain: team.autoJoinDomain, role: (team.autoJoinRole ?? "developer") as Exclude<TeamRole, "owner"> }
    : null;
  return (
    <>
      <PageHeader
        title="Settings"
        description={`How ${team.name} is named, and who may join it. Your role: ${role}.`}
        crumbs={[{ label: team.name, href: `/${team.slug}` }]}
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Team</h2>
            </CardTitle>
            <CardDescription>The slug is part of every console URL; it stays when the team is renamed.</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[8rem_1fr] sm:items-center sm:gap-y-3">
              <dt className="font-medium text-muted-foreground">Name</dt>
              <dd className="min-w-0">
                <TeamName teamSlug={team.slug} name={team.name} canRename={roleCan(role, "team:write")} />
              </dd>
              <dt className="mt-2 font-medium text-muted-foreground sm:mt-0">Slug</dt>
              <dd className="font-mono break-all" data-testid="team-slug">
                {team.slug}
              </dd>
              <dt className="mt-2 font-medium text-muted-foreground sm:mt-0">Team id</dt>
              <dd className="min-w-0">
                <CopyableId id={team.id} label="Copy team ID" />
              </dd>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Auto-join by email domain</h2>
            </CardTitle>
            <CardDescription>
              People who sign in for the first time with a verified email at this domain join the team with the role you choose. To prove
              the domain is yours, it must be the domain of your own verified email.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <AutoJoinForm
              teamSlug={team.slug}
              current={autoJoin}
              canEdit={roleCan(role, "members:write")}
              yourDomain={user?.email ? emailDomain(user.email) : null}
            />
          </CardContent>
        </Card>
        {contents ? (
          <Card className="border-destructive/50">
            <CardHeader>
              <CardTitle>
                <h2>Delete this team</h2>
              </CardTitle>
              <CardDescription>
                Only an owner can. The team&apos;s apps, projects and keys are deleted with it; its keys stop verifying at once.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <DeleteTeam teamSlug={team.slug} teamName={team.name} apps={contents.apps} keys={contents.keys} />
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
