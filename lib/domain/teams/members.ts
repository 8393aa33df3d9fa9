import "server-only";
import { NO_REQUEST, type Actor } from "../../core/scope";
import { DEMO_TEAM, demoUserByEmail } from "../accounts/demo-users";
import { recordAudit } from "../audit/service";
import { db, transaction, type Tx } from "../../platform/db";
import type { Team, User } from "../../platform/db/models";
import { notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { emailDomain } from "./domains";
import { insertTeam } from "./service";
import type { TeamRole } from "./roles";

export type TeamMembership = { team: Team; role: TeamRole };
type UserInput = { email: string; name?: string | null; emailVerified?: boolean };

/**
 * On sign-in: the user by email, created on first sign-in with a personal team of their own.
 * The identity provider's email_verified claim is kept on the user at every sign-in. With a
 * verified email at a team's auto-join domain, a new user also joins that team. The local
 * provider's demo users also join the demo team, with their demo role.
 */
export async function signInUser(input: UserInput): Promise<User> {
  const emailVerified = input.emailVerified === true;
  return transaction(async (tx) => {
    const email = input.email.trim().toLowerCase();
    const existing = await tx.user.findUnique({ where: { email } });
    if (!existing) return insertUser(tx, { ...input, emailVerified });
    // The provider's email_verified claim is kept at every sign-in; someone named in advance
    // (latchkey bootstrap --owner-email) gets their name at first sign-in.
    const data = {
      ...(existing.emailVerified !== emailVerified ? { emailVerified } : {}),
      ...(!existing.name && input.name ? { name: input.name } : {}),
    };
    return Object.keys(data).length > 0 ? tx.user.update({ where: { id: existing.id }, data }) : existing;
  });
}

/**
 * A new user, with everything a first sign-in gives: a personal team, the team of a verified
 * email's auto-join domain, and, for the local provider's demo users, the demo team.
 */
export async function insertUser(tx: Tx, input: UserInput): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const user = await tx.user.create({
    data: { id: newId("user"), email, name: input.name ?? null, emailVerified: input.emailVerified === true },
  });
  const actor: Actor = { type: "user", id: user.id };
  const personal = await insertTeam(tx, { name: `${input.name?.split(" ")[0] ?? email.split("@")[0]}'s team` }, actor, NO_REQUEST);
  await tx.membership.create({ data: { id: newId("membership"), teamId: personal.id, userId: user.id, role: "owner" } });

  const demo = demoUserByEmail(email);
  const byDomain = input.emailVerified ? await tx.team.findUnique({ where: { autoJoinDomain: emailDomain(email) } }) : null;
  // A demo user joins the demo team below with their demo role, even when it auto-joins their domain.
  if (byDomain?.autoJoinRole && !(demo && byDomain.slug === DEMO_TEAM.slug)) {
    await tx.membership.create({ data: { id: newId("membership"), teamId: byDomain.id, userId: user.id, role: byDomain.autoJoinRole } });
    await recordAudit(
      tx,
      { teamId: byDomain.id, actor, request: NO_REQUEST },
      { action: "member.joined", target: { type: "user", id: user.id }, metadata: { email, role: byDomain.autoJoinRole, via: "domain" } },
    );
  }

  if (demo) {
    const team =
      (await tx.team.findUnique({ where: { slug: DEMO_TEAM.slug } })) ??
      (await tx.team.create({ data: { id: newId("team"), name: DEMO_TEAM.name, slug: DEMO_TEAM.slug } }));
    await tx.membership.create({ data: { id: newId("membership"), teamId: team.id, userId: user.id, role: demo.role } });
    await recordAudit(
      tx,
      { teamId: team.id, actor, request: NO_REQUEST },
      { action: "member.joined", target: { type: "user", id: user.id }, metadata: { email, role: demo.role } },
    );
  }
  return user;
}

export async function listMemberships(userId: string): Promise<TeamMembership[]> {
  const rows = await db().membership.findMany({ where: { userId }, include: { team: true }, orderBy: { createdAt: "asc" } });
  return rows.map((m) => ({ team: m.team, role: m.role as TeamRole }));
}

/** The caller's membership of the team with this slug; another team reads as not found. */
export async function getMembership(userId: string, teamSlug: string): Promise<TeamMembership> {
  const row = await db().membership.findFirst({ where: { userId, team: { slug: teamSlug } }, include: { team: true } });
  if (!row) throw notFound("Team");
  return { team: row.team, role: row.role as TeamRole };
}
