import "server-only";
import type { Actor, RequestMeta, TeamScope } from "../auth/scope";
import { recordAudit } from "../audit/service";
import { transaction, type Tx } from "../db";
import type { Team } from "../db/generated/sqlite/client";
import { newId } from "../ids";
import { randomBase62 } from "../base62";

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
  await recordAudit(tx, { teamId: team.id, actor, request }, { action: "team.created", target: { type: "team", id: team.id }, metadata: { name: team.name } });
  return team;
}

/** Renames the team. The slug, and so every console URL, stays as it is. */
export async function renameTeam(scope: TeamScope, input: { name: string }): Promise<Team> {
  return transaction(async (tx) => {
    const before = await tx.team.findUniqueOrThrow({ where: { id: scope.teamId } });
    const team = await tx.team.update({ where: { id: scope.teamId }, data: { name: input.name } });
    await recordAudit(tx, scope, { action: "team.renamed", target: { type: "team", id: team.id }, metadata: { before: { name: before.name }, after: { name: team.name } } });
    return team;
  });
}
