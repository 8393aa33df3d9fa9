import { TEAM_ROLES, type TeamRole } from "./roles";

/**
 * What each team role may do: one table, checked by every server action (lib/http/actions) and
 * mirrored by the console, which shows no control a role cannot use.
 *
 * viewer: read only. developer: also create, rename, rotate and revoke project keys, and
 * redeliver webhook messages (no more than a rotation, which sends a key to the same URL).
 * admin: also apps, projects (their key policy and webhook signing secret), environments, app
 * admin keys, members and the team's settings.
 * owner: also delete the team and transfer ownership.
 */
export const PERMISSIONS = {
  "team:read": ["viewer", "developer", "admin", "owner"],
  "audit:read": ["viewer", "developer", "admin", "owner"],
  "keys:write": ["developer", "admin", "owner"],
  "webhooks:write": ["developer", "admin", "owner"],
  "apps:write": ["admin", "owner"],
  "projects:write": ["admin", "owner"],
  "environments:write": ["admin", "owner"],
  "app_keys:write": ["admin", "owner"],
  "members:write": ["admin", "owner"],
  "team:write": ["admin", "owner"],
  "team:delete": ["owner"],
  "team:transfer": ["owner"],
} as const satisfies Record<string, readonly TeamRole[]>;

export type TeamPermission = keyof typeof PERMISSIONS;

export function roleCan(role: TeamRole, permission: TeamPermission): boolean {
  return (PERMISSIONS[permission] as readonly TeamRole[]).includes(role);
}

/** Each permission in words, for people: the members page and the invite form say what a role may do from these. */
export const PERMISSION_WORDS: Record<TeamPermission, string> = {
  "team:read": "see the team's apps, projects, keys, usage and members",
  "audit:read": "read the audit log",
  "keys:write": "create, change, rotate and revoke project keys",
  "webhooks:write": "redeliver webhook messages",
  "apps:write": "create, rename and delete apps",
  "projects:write": "create and delete projects and set their key policy and webhook signing secret",
  "environments:write": "manage environments",
  "app_keys:write": "create and delete app admin keys",
  "members:write": "invite and remove members and change their roles",
  "team:write": "rename the team and change its settings",
  "team:delete": "delete the team",
  "team:transfer": "make other members owners",
};

export type RoleSummary = {
  role: TeamRole;
  /** The role below, whose every permission this one has too. */ below: TeamRole | null;
  adds: string[];
};

/** What a role may do beyond the role below it, in words, straight from PERMISSIONS. */
export function roleSummary(role: TeamRole): RoleSummary {
  const index = TEAM_ROLES.indexOf(role);
  const below = index > 0 ? TEAM_ROLES[index - 1]! : null;
  const permissions = Object.keys(PERMISSIONS) as TeamPermission[];
  const adds = permissions.filter((p) => roleCan(role, p) && !(below && roleCan(below, p))).map((p) => PERMISSION_WORDS[p]);
  return { role, below, adds };
}

const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join("; ")}; and ${items.at(-1)}`);

/** One sentence: "Everything a viewer may, and also: create, change, rotate and revoke project keys; …". */
export function describeRole(role: TeamRole): string {
  const { below, adds } = roleSummary(role);
  const text = list(adds);
  return below ? `Everything ${below === "admin" ? "an" : "a"} ${below} may, and also: ${text}.` : `May ${text}.`;
}
