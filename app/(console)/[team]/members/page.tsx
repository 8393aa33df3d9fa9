import { notFound } from "next/navigation";
import { PageHeader } from "@/components/console/page-header";
import { Panel } from "@/components/console/panel";
import { RoleGuide } from "@/components/console/role-guide";
import { requireMember } from "@/lib/http/auth/session";
import { listInvites } from "@/lib/domain/teams/invites";
import { listMembers } from "@/lib/domain/teams/membership-admin";
import { roleCan } from "@/lib/domain/teams/permissions";
import type { TeamRole } from "@/lib/domain/teams/roles";
import { InvitesSection } from "./_components/invites-section";
import type { InviteRow } from "./_components/invites-table";
import { LeaveTeamButton } from "./_components/leave-team-button";
import { MembersTable } from "./_components/members-table";

/** Invites as the table shows them, with their status as of this request. */
function inviteRows(invites: Awaited<ReturnType<typeof listInvites>>, now = new Date()): InviteRow[] {
  return invites.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    expired: i.expiresAt <= now,
  }));
}

export default async function MembersPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { membership, userId } = await requireMember(slug);
  if (!membership) notFound();
  const scope = { teamId: membership.team.id };
  const canManage = roleCan(membership.role, "members:write");
  const [members, invites] = await Promise.all([listMembers(scope), canManage ? listInvites(scope) : []]);
  const team = membership.team;
  return (
    <>
      <PageHeader
        title="Members"
        description={`Who can use ${team.name}, and with which role. Your role: ${membership.role}.`}
        crumbs={[{ label: team.name, href: `/${team.slug}` }]}
        actions={<LeaveTeamButton teamSlug={team.slug} teamName={team.name} />}
      />
      <MembersTable
        teamSlug={team.slug}
        currentUserId={userId}
        callerRole={membership.role}
        canManage={canManage}
        members={members.map((m) => ({
          userId: m.userId,
          name: m.user.name,
          email: m.user.email,
          role: m.role as TeamRole,
          joinedAt: m.createdAt.toISOString(),
        }))}
      />
      {canManage ? (
        <section aria-labelledby="invites-heading" className="mt-10 flex flex-col gap-4">
          <div>
            <h2 id="invites-heading" className="text-lg font-medium">
              Invites
            </h2>
            <p className="text-sm text-muted-foreground">
              An invite link admits one person, once, until it expires. Revoking it stops it at once.
            </p>
          </div>
          <InvitesSection teamSlug={team.slug} invites={inviteRows(invites)} />
        </section>
      ) : null}
      <Panel id="roles" title="What each role may do" className="mt-10">
        <RoleGuide />
      </Panel>
    </>
  );
}
