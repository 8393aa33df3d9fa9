import { type Page, type PageQuery, pageOf, pageOrder, pageStart, readAfter } from "../../core/pagination";
import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor, RequestMeta, TeamScope } from "../../core/scope";
import { recordAudit } from "../audit/service";
import { db, transaction } from "../../platform/db";
import type { Invite, Team } from "../../platform/db/models";
import { DomainError, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { hashKey } from "../../core/crypto/key-secret";
import type { TeamRole } from "./roles";

// Invite links carry a random token; only its hash is stored, as with keys. An invite is
// used once, expires, and can be revoked. An invite for an email admits only that address.

const DAY_MS = 86_400_000;

export async function createInvite(scope: TeamScope, input: { email?: string; role: Exclude<TeamRole, "owner">; expires_in_days: number }) {
  const token = `inv_${randomBytes(32).toString("base64url")}`;
  const invite = await transaction(async (tx) => {
    const row = await tx.invite.create({
      data: {
        id: newId("invite"),
        teamId: scope.teamId,
        email: input.email?.toLowerCase() ?? null,
        role: input.role,
        tokenHash: hashKey(token),
        createdById: scope.actor.id,
        expiresAt: new Date(Date.now() + input.expires_in_days * DAY_MS),
      },
    });
    await recordAudit(tx, scope, {
      action: "invite.created",
      target: { type: "invite", id: row.id },
      metadata: { email: row.email, role: row.role, expires_at: row.expiresAt.toISOString() },
    });
    return row;
  });
  return { invite, token };
}

/** One page of a team's open invites, newest first (lib/core/pagination.ts). */
export async function listInvites(scope: Pick<TeamScope, "teamId">, query: PageQuery): Promise<Page<Invite>> {
  const where = { teamId: scope.teamId, acceptedAt: null, revokedAt: null };
  const start = await pageStart(query, (id) => db().invite.findFirst({ where: { ...where, id }, select: { id: true, createdAt: true } }));
  const rows = await readAfter(
    (after, take) => db().invite.findMany({ where: { AND: [where, after] }, orderBy: [...pageOrder("desc")], take }),
    start,
    "desc",
    query.limit + 1,
  );
  return pageOf(rows, query.limit, (row) => row);
}

export async function revokeInvite(scope: TeamScope, input: { invite_id: string }): Promise<void> {
  await transaction(async (tx) => {
    const { count } = await tx.invite.updateMany({
      where: { id: input.invite_id, teamId: scope.teamId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("Invite");
    await recordAudit(tx, scope, { action: "invite.revoked", target: { type: "invite", id: input.invite_id } });
  });
}

/** The signed-in user joins the invite's team. Any failure reads the same, so tokens cannot be probed. */
export async function acceptInvite(user: { id: string; email: string }, token: string, request: RequestMeta): Promise<Team> {
  const now = new Date();
  return transaction(async (tx) => {
    const invite = await tx.invite.findUnique({ where: { tokenHash: hashKey(token) }, include: { team: true } });
    const usable =
      invite &&
      !invite.acceptedAt &&
      !invite.revokedAt &&
      invite.expiresAt > now &&
      (!invite.email || invite.email === user.email.toLowerCase());
    if (!invite || !usable) throw new DomainError("not_found", "This invite link is invalid, used, revoked or expired.");
    const claimed = await tx.invite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { acceptedAt: now } });
    if (claimed.count !== 1) throw new DomainError("not_found", "This invite link is invalid, used, revoked or expired.");
    const existing = await tx.membership.findUnique({ where: { teamId_userId: { teamId: invite.teamId, userId: user.id } } });
    if (!existing)
      await tx.membership.create({ data: { id: newId("membership"), teamId: invite.teamId, userId: user.id, role: invite.role } });
    const actor: Actor = { type: "user", id: user.id };
    await recordAudit(
      tx,
      { teamId: invite.teamId, actor, request },
      { action: "member.joined", target: { type: "user", id: user.id }, metadata: { via: invite.id, role: existing?.role ?? invite.role } },
    );
    return invite.team;
  });
}
