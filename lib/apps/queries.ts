import "server-only";
import type { TeamScope } from "../auth/scope";
import { db } from "../db";

export async function listApps(scope: Pick<TeamScope, "teamId">) {
  return db().app.findMany({
    where: { teamId: scope.teamId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { _count: { select: { projects: true, apiKeys: true } } },
  });
}
