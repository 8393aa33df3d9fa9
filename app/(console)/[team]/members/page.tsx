import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/session";
import { listInvites } from "@/lib/teams/invites";
import { listMembers } from "@/lib/teams/membership-admin";
import { roleCan } from "@/lib/teams/permissions";
import { InviteForm } from "./_components/invite-form";

export default async function MembersPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { membership } = await requireMember(slug);
  if (!membership) notFound();
  const scope = { teamId: membership.team.id };
  const [members, invites] = await Promise.all([listMembers(scope), listInvites(scope)]);
  const canManage = roleCan(membership.role, "members:write");
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Members of {membership.team.name}</h1>
      {canManage ? <InviteForm teamSlug={membership.team.slug} /> : null}
      <table className="w-full text-left text-sm">
        <thead className="border-b border-border text-muted-foreground">
          <tr>
            <th className="py-2 font-medium">Name</th>
            <th className="py-2 font-medium">Email</th>
            <th className="py-2 font-medium">Role</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {members.map((m) => (
            <tr key={m.id}>
              <td className="py-2">{m.user.name ?? "—"}</td>
              <td className="py-2">{m.user.email}</td>
              <td className="py-2">{m.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canManage && invites.length > 0 ? (
        <div>
          <h2 className="mb-2 text-lg font-medium">Pending invites</h2>
          <ul className="divide-y divide-border rounded-md border border-border text-sm">
            {invites.map((i) => (
              <li key={i.id} className="flex justify-between px-4 py-2">
                <span>{i.email ?? "anyone with the link"}</span>
                <span className="text-muted-foreground">
                  {i.role} · expires {i.expiresAt.toISOString().slice(0, 10)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
