import { describeRole } from "@/lib/domain/teams/permissions";
import { TEAM_ROLES } from "@/lib/domain/teams/roles";

/** What each team role may do, in words taken from the permissions table (lib/domain/teams/permissions.ts). */
export function RoleGuide() {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[7rem_1fr]" aria-label="What each role may do">
      {TEAM_ROLES.map((role) => (
        <div key={role} className="contents">
          <dt className="font-medium capitalize">{role}</dt>
          <dd className="mb-2 text-muted-foreground sm:mb-0">{describeRole(role)}</dd>
        </div>
      ))}
    </dl>
  );
}
