import Link from "next/link";
import { notFound } from "next/navigation";
import { DomainError } from "@/lib/core/errors";
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
function inviteRows(invites: Awaited<ReturnType<typeof listInvites>>["items"], now = new Date()): InviteRow[] {
  return invites.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    expired: i.expiresAt <= now,
  }));
}

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ members?: string; invites?: string }> };

/** A page of a list from the cursor in the address; a cursor that is not ours starts from the first page. */
async function pageFrom<T>(list: (query: { limit: number; cursor?: string }) => Promise<T>, cursor: string | undefined): Promise<T> {
  return list({ limit: PAGE, cursor: typeof cursor === "string" ? cursor : undefined }).catch((error) => {
    if (error instanceof DomainError && error.code === "invalid_request") return list({ limit: PAGE });
    throw error;
  });
}

const PAGE = 100;

/** "Next page" of one list, keeping the other list's place. */
function NextPage({ href, label }: { href: string; label: string }) {
  return (
    <p className="mt-3 text-sm">
      <Link className="underline underline-offset-4" href={href}>
        {label}
      </Link>
    </p>
  );
}

export default async function MembersPage({ params, searchParams }: Props) {
  const { team: slug } = await params;
  const search = await searchParams;
  const { membership, userId } = await requireMember(slug);
  if (!membership) notFound();
  const scope = { teamId: membership.team.id };
  const canManage = roleCan(membership.role, "members:write");
  const [members, invites] = await Promise.all([
    pageFrom((query) => listMembers(scope, query), search.members),
    canManage ? pageFrom((query) => listInvites(scope, query), search.invites) : { items: [], next_cursor: null },
  ]);
  const at = (change: Record<string, string | undefined>) => {
    const next = new URLSearchParams(
      Object.entries({ ...search, ...change }).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
    return `/${membership.team.slug}/members${next.size > 0 ? `?${next}` : ""}`;
  };
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
        members={members.items.map((m) => ({
          userId: m.userId,
          name: m.user.name,
          email: m.user.email,
          role: m.role as TeamRole,
          joinedAt: m.createdAt.toISOString(),
        }))}
      />
      {members.next_cursor ? <NextPage href={at({ members: members.next_cursor })} label={`Next ${PAGE} members`} /> : null}
      {search.members ? <NextPage href={at({ members: undefined })} label="Back to the first members" /> : null}
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
          <InvitesSection teamSlug={team.slug} invites={inviteRows(invites.items)} />
          {invites.next_cursor ? <NextPage href={at({ invites: invites.next_cursor })} label={`Next ${PAGE} invites`} /> : null}
        </section>
      ) : null}
      <Panel id="roles" title="What each role may do" className="mt-10">
        <RoleGuide />
      </Panel>
    </>
  );
}
