import "server-only";
import type { TeamScope } from "../../core/scope";
import { recordAudit } from "../audit/service";
import { announceEverythingChanged, everythingChanged } from "../../platform/cache/invalidation";
import { transaction, type Tx } from "../../platform/db";
import type { App } from "../../platform/db/models";
import { invalidField, notFound } from "../../core/errors";
import { newId } from "../../core/ids";

export async function insertApp(tx: Tx, scope: TeamScope, input: { name: string }): Promise<App> {
  const app = await tx.app.create({ data: { id: newId("app"), teamId: scope.teamId, name: input.name } });
  await recordAudit(
    tx,
    { ...scope, appId: app.id },
    { action: "app.created", target: { type: "app", id: app.id }, metadata: { name: app.name } },
  );
  return app;
}

export async function createApp(scope: TeamScope, input: { name: string }): Promise<App> {
  return transaction((tx) => insertApp(tx, scope, input));
}

export async function renameApp(scope: TeamScope, input: { app_id: string; name: string }): Promise<App> {
  return transaction(async (tx) => {
    const before = await tx.app.findFirst({ where: { id: input.app_id, teamId: scope.teamId } });
    if (!before) throw notFound("App");
    const app = await tx.app.update({ where: { id: before.id, teamId: scope.teamId }, data: { name: input.name } });
    await recordAudit(
      tx,
      { ...scope, appId: app.id },
      {
        action: "app.renamed",
        target: { type: "app", id: app.id },
        metadata: { before: { name: before.name }, after: { name: app.name } },
      },
    );
    return app;
  });
}

/** Deletes an app with its projects and keys. Its keys stop verifying at once. */
export async function deleteApp(scope: TeamScope, input: { app_id: string; confirm_name: string }): Promise<void> {
  await transaction(async (tx) => {
    const app = await tx.app.findFirst({
      where: { id: input.app_id, teamId: scope.teamId },
      include: { _count: { select: { projects: true } } },
    });
    if (!app) throw notFound("App");
    if (input.confirm_name !== app.name) throw invalidField("confirm_name", "type the app's name exactly to confirm");
    await tx.apiKey.deleteMany({ where: { appId: app.id } });
    await tx.app.delete({ where: { id: app.id, teamId: scope.teamId } });
    await recordAudit(
      tx,
      { ...scope, appId: app.id },
      { action: "app.deleted", target: { type: "app", id: app.id }, metadata: { name: app.name, projects: app._count.projects } },
    );
    await announceEverythingChanged(tx, app.id, "app_deleted");
  });
  // Every key of the app is gone; rather than list them, every instance forgets all cached records.
  everythingChanged();
}
