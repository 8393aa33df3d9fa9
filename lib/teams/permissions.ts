import type { TeamRole } from "./roles";

/**
 * What each team role may do: one table, checked by every server action (lib/actions) and
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
