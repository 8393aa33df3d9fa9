import "server-only";
import type { AppScope, TeamScope } from "../../core/scope";
import { db } from "../../platform/db";
import { notFound } from "../../core/errors";

export async function listApps(scope: Pick<TeamScope, "teamId">) {
  return db().app.findMany({
    where: { teamId: scope.teamId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { _count: { select: { projects: true, apiKeys: true } } },
  });
}

/** One app of the caller's team; another team's app reads as not found. */
export async function getApp(scope: Pick<TeamScope, "teamId">, appId: string) {
  const app = await db().app.findFirst({ where: { id: appId, teamId: scope.teamId } });
  if (!app) throw notFound("App");
  return app;
}

/** Narrows a team scope to one of the team's apps, the scope every project and key function takes. */
export async function appScopeFor(scope: TeamScope, appId: string): Promise<AppScope> {
  const app = await getApp(scope, appId);
  return { ...scope, appId: app.id };
}
