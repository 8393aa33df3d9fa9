import "server-only";
import type { TeamScope } from "../auth/scope";
import { recordAudit } from "../audit/service";
import type { Tx } from "../db";
import type { App } from "../db/generated/sqlite/client";
import { newId } from "../ids";

export async function insertApp(tx: Tx, scope: TeamScope, input: { name: string }): Promise<App> {
  const app = await tx.app.create({ data: { id: newId("app"), teamId: scope.teamId, name: input.name } });
  await recordAudit(tx, { ...scope, appId: app.id }, { action: "app.created", target: { type: "app", id: app.id }, metadata: { name: app.name } });
  return app;
}
