import "server-only";
import type { TeamScope } from "../../core/scope";
import { db } from "../../platform/db";

/** How the console names an actor: a member's name and email, or an app key's name. */
export type AuditActorName = { name: string; detail: string | null };

/**
 * Names the actors of a page of audit events in two queries at most (members, then app keys),
 * never one per row. Only the team's current members and its own apps' keys get a name; anyone
 * else (a member who left, a deleted key) stays an id.
 */
export async function nameAuditActors(
  scope: Pick<TeamScope, "teamId">,
  actors: { type: string; id: string }[],
): Promise<Record<string, AuditActorName>> {
  const ids = (type: string) => [...new Set(actors.filter((a) => a.type === type).map((a) => a.id))];
  const userIds = ids("user");
  const keyIds = ids("app_key");
  const [members, keys] = await Promise.all([
    userIds.length
      ? db().membership.findMany({
          where: { teamId: scope.teamId, userId: { in: userIds } },
          select: { user: { select: { id: true, name: true, email: true } } },
        })
      : [],
    keyIds.length
      ? db().appApiKey.findMany({
          where: { id: { in: keyIds }, app: { teamId: scope.teamId } },
          select: { id: true, name: true, app: { select: { name: true } } },
        })
      : [],
  ]);
  const names: Record<string, AuditActorName> = {};
  for (const { user } of members) names[user.id] = { name: user.name ?? user.email, detail: user.name ? user.email : null };
  for (const key of keys) names[key.id] = { name: key.name, detail: `app key of ${key.app.name}` };
  return names;
}
