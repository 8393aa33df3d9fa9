import { type PageQuery, pageOf, pageOrder, pageStart, readAfter } from "../../core/pagination";
import "server-only";
import type { TeamScope } from "../../core/scope";
import { endUserSessions } from "../accounts/sessions";
import { recordAudit } from "../audit/service";
import { db, transaction, type Tx } from "../../platform/db";
import { DomainError, notFound } from "../../core/errors";
import type { TeamRole } from "./roles";

// Changing who is in a team. A team always keeps at least one owner, and only an owner may
// make or unmake an owner.

async function assertAnotherOwner(tx: Tx, teamId: string, userId: string): Promise<void> {
  const owners = await tx.membership.count({ where: { teamId, role: "owner", userId: { not: userId } } });
  if (owners === 0) throw new DomainError("conflict", "A team needs at least one owner: make someone else owner first.");
}

/** One page of a team's members, who joined first first (lib/core/pagination.ts). */
export async function listMembers(scope: Pick<TeamScope, "teamId">, query: PageQuery) {
  const where = { teamId: scope.teamId };
  const start = await pageStart(query, (id) =>
    db().membership.findFirst({ where: { ...where, id }, select: { id: true, createdAt: true } }),
  );
  const rows = await readAfter(
    (after, take) =>
      db().membership.findMany({ where: { AND: [where, after] }, orderBy: [...pageOrder("asc")], take, include: { user: true } }),
    start,
    "asc",
    query.limit + 1,
  );
  return pageOf(rows, query.limit, (row) => row);
}

export async function changeRole(scope: TeamScope & { role: TeamRole }, input: { user_id: string; role: TeamRole }): Promise<void> {
  await transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { teamId: scope.teamId, userId: input.user_id } });
    if (!member) throw notFound("Member");
    if ((member.role === "owner" || input.role === "owner") && scope.role !== "owner") {
      throw new DomainError("forbidden", "Only an owner can grant or take away the owner role.");
    }
    if (member.role === "owner" && input.role !== "owner") await assertAnotherOwner(tx, scope.teamId, member.userId);
    await tx.membership.update({ where: { id: member.id }, data: { role: input.role } });
    await recordAudit(tx, scope, {
      action: "member.role_changed",
      target: { type: "user", id: member.userId },
      metadata: { before: { role: member.role }, after: { role: input.role } },
    });
  });
}

/**
 * Removes a member, or lets members remove themselves (leave). The last owner cannot go. A
 * removed member's sessions all end, so that a browser left signed in (or a copied session
 * cookie) cannot act on what it still has open; leaving of one's own accord keeps them.
 */
export async function removeMember(scope: TeamScope & { role: TeamRole }, input: { user_id: string }): Promise<void> {
  await transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { teamId: scope.teamId, userId: input.user_id } });
    if (!member) throw notFound("Member");
    if (member.role === "owner" && scope.role !== "owner") throw new DomainError("forbidden", "Only an owner can remove an owner.");
    if (member.role === "owner") await assertAnotherOwner(tx, scope.teamId, member.userId);
    await tx.membership.delete({ where: { id: member.id } });
    const target = { type: "user", id: member.userId };
    if (member.userId === scope.actor.id) {
      await recordAudit(tx, scope, { action: "member.left", target, metadata: { role: member.role } });
    } else {
      const ended = await endUserSessions(member.userId, tx);
      await recordAudit(tx, scope, { action: "member.removed", target, metadata: { role: member.role, sessions_ended: ended } });
    }
  });
}

/** The caller leaves the team. Any member may, except the last owner, who must hand over first. */
export async function leaveTeam(scope: TeamScope): Promise<void> {
  await transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { teamId: scope.teamId, userId: scope.actor.id } });
    if (!member) throw notFound("Member");
    if (member.role === "owner") {
      const owners = await tx.membership.count({ where: { teamId: scope.teamId, role: "owner", userId: { not: member.userId } } });
      if (owners === 0) throw new DomainError("conflict", "You are the last owner of this team: make someone else owner before you leave.");
    }
    await tx.membership.delete({ where: { id: member.id } });
    await recordAudit(tx, scope, { action: "member.left", target: { type: "user", id: member.userId }, metadata: { role: member.role } });
  });
}
