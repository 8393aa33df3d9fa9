"use client";

import { UserMinus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useActionMutation } from "@/components/console/action";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { Time } from "@/components/console/time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TEAM_ROLES, type TeamRole } from "@/lib/domain/teams/roles";
import { changeRoleAction, removeMemberAction } from "../../actions";

export type MemberRow = { userId: string; name: string | null; email: string; role: TeamRole; joinedAt: string };

type Props = { teamSlug: string; currentUserId: string; callerRole: TeamRole; canManage: boolean; members: MemberRow[] };

/** Only an owner may make or unmake an owner, so an admin sees owners' rows read-only. */
function canTouch(callerRole: TeamRole, member: MemberRow) {
  return callerRole === "owner" || member.role !== "owner";
}

export function MembersTable({ teamSlug, currentUserId, callerRole, canManage, members }: Props) {
  const router = useRouter();
  const remove = useActionMutation((m: MemberRow) => removeMemberAction(teamSlug, { user_id: m.userId }), {
    success: (_, m) => `Removed ${m.name ?? m.email} from the team`,
    onSuccess: () => router.refresh(),
  });
  const manageColumn = canManage && members.some((m) => m.userId !== currentUserId && canTouch(callerRole, m));

  return (
    <Table aria-label="Members">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead className="hidden md:table-cell">Email</TableHead>
          <TableHead>Role</TableHead>
          <TableHead className="hidden sm:table-cell">Joined</TableHead>
          {manageColumn ? (
            <TableHead className="w-12">
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((member) => {
          const label = member.name ?? member.email;
          const you = member.userId === currentUserId;
          const editable = canManage && canTouch(callerRole, member);
          return (
            <TableRow key={member.userId} data-testid={`member-${member.email}`}>
              <TableCell>
                <span className="flex items-center gap-2 font-medium">
                  {member.name ?? <span className="font-normal text-muted-foreground md:hidden">{member.email}</span>}
                  {member.name ? null : <span className="hidden text-muted-foreground md:inline">—</span>}
                  {you ? <Badge variant="outline">you</Badge> : null}
                </span>
                {/* On narrow screens the email sits under the name instead of in its own column. */}
                {member.name ? (
                  <span className="block max-w-48 truncate text-xs text-muted-foreground md:hidden">{member.email}</span>
                ) : null}
              </TableCell>
              <TableCell className="hidden md:table-cell">{member.email}</TableCell>
              <TableCell>
                {editable ? (
                  <RoleSelect teamSlug={teamSlug} member={member} callerRole={callerRole} onChanged={() => router.refresh()} />
                ) : (
                  <Badge variant={member.role === "owner" ? "default" : "secondary"}>{member.role}</Badge>
                )}
              </TableCell>
              <TableCell className="hidden sm:table-cell">
                <Time value={member.joinedAt} />
              </TableCell>
              {manageColumn ? (
                <TableCell>
                  {editable && !you ? (
                    <ConfirmDialog
                      trigger={
                        <Button type="button" size="icon" variant="ghost" aria-label={`Remove ${label}`}>
                          <UserMinus aria-hidden className="size-4" />
                        </Button>
                      }
                      title={`Remove ${label}?`}
                      description={`${member.email} loses access to this team's apps, keys and audit log at once.`}
                      confirmLabel="Remove member"
                      pending={remove.isPending}
                      onConfirm={() => remove.mutateAsync(member)}
                    />
                  ) : null}
                </TableCell>
              ) : null}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function RoleSelect({
  teamSlug,
  member,
  callerRole,
  onChanged,
}: {
  teamSlug: string;
  member: MemberRow;
  callerRole: TeamRole;
  onChanged: () => void;
}) {
  const label = member.name ?? member.email;
  const change = useActionMutation((role: TeamRole) => changeRoleAction(teamSlug, { user_id: member.userId, role }), {
    success: (_, role) => `${label} is now ${role}`,
    onSuccess: onChanged,
  });
  // The chosen role shows while the server decides and until the page reloads; an error puts the old one back.
  const shown = (change.isPending || change.isSuccess) && change.variables ? change.variables : member.role;
  const { reset } = change;
  useEffect(() => reset(), [member.role, reset]);
  const roles = TEAM_ROLES.filter((role) => role !== "owner" || callerRole === "owner");
  return (
    <Select value={shown} onValueChange={(role) => role !== member.role && change.mutate(role as TeamRole)} disabled={change.isPending}>
      <SelectTrigger size="sm" aria-label={`Role of ${label}`} className="w-32">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {roles.map((role) => (
          <SelectItem key={role} value={role}>
            {role}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
