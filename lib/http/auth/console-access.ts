import "server-only";
import { getMembership, type TeamMembership } from "../../domain/teams/members";
import { roleCan, type TeamPermission } from "../../domain/teams/permissions";
import { currentUser } from "./session";

/**
 * For console route handlers (downloads): the signed-in member with a permission, or null.
 * A signed-out caller, another team and a missing permission all read as not found.
 */
export async function memberWith(teamSlug: string, permission: TeamPermission): Promise<TeamMembership | null> {
  const user = await currentUser();
  if (!user) return null;
  const membership = await getMembership(user.id, teamSlug).catch(() => null);
  return membership && roleCan(membership.role, permission) ? membership : null;
}
