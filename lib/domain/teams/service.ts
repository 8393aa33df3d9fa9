import "server-only";
import type { Actor, RequestMeta, TeamScope } from "../../core/scope";
import { recordAudit } from "../audit/service";
import { announceKeyChange, everythingChanged } from "../../platform/cache/invalidation";
import { db, transaction, type Tx } from "../../platform/db";
import type { Team } from "../../platform/db/models";
import { invalidField, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { randomBase62 } from "../../core/base62";

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return slug || "team";
}

/** Creates a team with a unique slug (a short random suffix when the plain one is taken). */
export async function insertTeam(tx: Tx, input: { name: string }, actor: Actor, request: RequestMeta): Promise<Team> {
  const base = slugify(input.name);
  const taken = await tx.team.findUnique({ where: { slug: base }, select: { id: true } });
  const team = await tx.team.create({
    data: { id: newId("team"), name: input.name, slug: taken ? `${base}-${randomBase62(6).toLowerCase()}` : base },
  });
  await recordAudit(
    tx,
    { teamId: team.id, actor, request },
    { action: "team.created", target: { type: "team", id: team.id }, metadata: { name: team.name } },
  );
  return team;
}

/** Renames the team. The slug, and so every console URL, stays as it is. */
export async function renameTeam(scope: TeamScope, input: { name: string }): Promise<Team> {
  return transaction(async (tx) => {
    const before = await tx.team.findUniqueOrThrow({ where: { id: scope.teamId } });
    const team = await tx.team.update({ where: { id: scope.teamId }, data: { name: input.name } });
    await recordAudit(tx, scope, {
      action: "team.renamed",
      target: { type: "team", id: team.id },
      metadata: { before: { name: before.name }, after: { name: team.name } },
    });
    return team;
  });
}

/** A signed-in person creates a team of their own, and owns it. */
export async function createTeam(actor: Actor & { type: "user" }, request: RequestMeta, input: { name: string }): Promise<Team> {
  return transaction(async (tx) => {
    const team = await insertTeam(tx, input, actor, request);
    await tx.membership.create({ data: { id: newId("membership"), teamId: team.id, userId: actor.id, role: "owner" } });
    return team;
  });
}

/** What deleting the team would take with it, for the confirmation. */
export async function countTeamContents(scope: Pick<TeamScope, "teamId">): Promise<{ apps: number; keys: number }> {
  const appIds = (await db().app.findMany({ where: { teamId: scope.teamId }, select: { id: true } })).map((a) => a.id);
  return { apps: appIds.length, keys: appIds.length ? await db().apiKey.count({ where: { appId: { in: appIds } } }) : 0 };
}

/**
 * Deletes a team for good: its apps with their projects, keys and app admin keys, its members
 * and its invites. Every key of the team stops verifying at once, on every instance (as when
 * an app is deleted). The team's row stays behind, with nobody in it and its slug and domain
 * given up, so that its audit log, ending with `team.deleted`, is kept; nobody can reach it.
 */
export async function deleteTeam(scope: TeamScope, input: { confirm_name: string }): Promise<void> {
  await transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: scope.teamId } });
    if (!team) throw notFound("Team");
    if (input.confirm_name !== team.name) throw invalidField("confirm_name", "type the team's name exactly to confirm");
    const appIds = (await tx.app.findMany({ where: { teamId: team.id }, select: { id: true } })).map((a) => a.id);
    // Keys go first: an environment refuses to go while a key still names it.
    const keys = await tx.apiKey.deleteMany({ where: { appId: { in: appIds } } });
    await tx.app.deleteMany({ where: { teamId: team.id } });
    await tx.invite.deleteMany({ where: { teamId: team.id } });
    const members = await tx.membership.deleteMany({ where: { teamId: team.id } });
    await tx.team.update({ where: { id: team.id }, data: { slug: `deleted-${team.id}`, autoJoinDomain: null, autoJoinRole: null } });
    await recordAudit(tx, scope, {
      action: "team.deleted",
      target: { type: "team", id: team.id },
      metadata: { name: team.name, slug: team.slug, apps: appIds.length, keys: keys.count, members: members.count },
    });
    await announceKeyChange(
      tx,
      appIds.map((appId) => ({ kind: "all" as const, keyId: "*", keyHash: "*", appId, change: "team_deleted" })),
    );
  });
  // Rather than list every key of every app, every instance forgets all cached records.
  everythingChanged();
}
