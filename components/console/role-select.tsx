"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { TEAM_ROLES, type TeamRole } from "@/lib/domain/teams/roles";

/** The roles a person can be given by an invite or by auto-join: every role but owner. */
export type GrantableRole = Exclude<TeamRole, "owner">;
const GRANTABLE = TEAM_ROLES.filter((r): r is GrantableRole => r !== "owner");

export function RoleSelect({
  id,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  value: GrantableRole;
  onChange: (role: GrantableRole) => void;
  describedBy?: string;
}) {
  return (
    <Select value={value} onValueChange={(next) => onChange(next as GrantableRole)}>
      <SelectTrigger id={id} className="w-36" aria-describedby={describedBy}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {GRANTABLE.map((role) => (
          <SelectItem key={role} value={role}>
            {role}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
