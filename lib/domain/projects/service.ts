import "server-only";
import { type AppScope, NO_REQUEST } from "../../core/scope";
import { recordAudit } from "../audit/service";
import { db, transaction, type Tx } from "../../platform/db";
import type { Environment, Project } from "../../platform/db/models";
import { announceEverythingChanged, everythingChanged } from "../../platform/cache/invalidation";
import { invalidField, notFound } from "../../core/errors";
import { newId } from "../../core/ids";

/** Every new project starts with these; `live` environments issue `lk_live_` keys. */
export const DEFAULT_ENVIRONMENTS = [
  { name: "production", kind: "live" },
  { name: "development", kind: "test" },
] as const;

// Live environments first, then by age.
const ENVIRONMENT_ORDER = [{ kind: "asc" as const }, { createdAt: "asc" as const }, { name: "asc" as const }];

export type ProjectWithEnvironments = Project & { environments: Environment[] };

export async function getProject(scope: AppScope, id: string): Promise<ProjectWithEnvironments> {
  const project = await db().project.findFirst({
    where: { id, appId: scope.appId },
    include: { environments: { orderBy: ENVIRONMENT_ORDER } },
  });
  if (!project) throw notFound("Project");
  return project;
}

/** The scope a command-line tool acts in on a project: the system, in the project's app and team. */
export async function systemScopeForProject(projectId: string, actorId: string): Promise<AppScope> {
  const project = await db().project.findUnique({ where: { id: projectId }, select: { appId: true, app: { select: { teamId: true } } } });
  if (!project) throw notFound("Project");
  return { teamId: project.app.teamId, appId: project.appId, actor: { type: "system", id: actorId }, request: NO_REQUEST };
}

/** Throws not found unless the project is the caller app's: one narrow query, for reads that need no more of it. */
export async function assertProject(scope: AppScope, id: string): Promise<void> {
  const found = await db().project.findFirst({ where: { id, appId: scope.appId }, select: { id: true } });
  if (!found) throw notFound("Project");
}

/** The app's projects with their key counts, for the app page. */
export async function listProjectsWithCounts(scope: AppScope) {
  return db().project.findMany({
    where: { appId: scope.appId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { _count: { select: { apiKeys: true, environments: true } } },
  });
}

export async function insertProject(tx: Tx, scope: AppScope, input: { name: string }): Promise<ProjectWithEnvironments> {
  const project = await tx.project.create({
    data: {
      id: newId("project"),
      appId: scope.appId,
      name: input.name,
      environments: { create: DEFAULT_ENVIRONMENTS.map((e) => ({ id: newId("environment"), ...e })) },
    },
    include: { environments: { orderBy: ENVIRONMENT_ORDER } },
  });
  await recordAudit(tx, scope, {
    action: "project.created",
    target: { type: "project", id: project.id },
    metadata: { name: project.name, environments: project.environments.map((e) => e.name) },
  });
  return project;
}

export async function createProject(scope: AppScope, input: { name: string }): Promise<ProjectWithEnvironments> {
  return transaction((tx) => insertProject(tx, scope, input));
}

export async function renameProject(scope: AppScope, input: { project_id: string; name: string }): Promise<Project> {
  return transaction(async (tx) => {
    const before = await tx.project.findFirst({ where: { id: input.project_id, appId: scope.appId } });
    if (!before) throw notFound("Project");
    const project = await tx.project.update({ where: { id: before.id, appId: scope.appId }, data: { name: input.name } });
    await recordAudit(tx, scope, {
      action: "project.renamed",
      target: { type: "project", id: project.id },
      metadata: { before: { name: before.name }, after: { name: project.name } },
    });
    return project;
  });
}

/** Deletes a project with its environments and keys. Its keys stop verifying at once. */
export async function deleteProject(scope: AppScope, input: { project_id: string; confirm_name: string }): Promise<void> {
  await transaction(async (tx) => {
    const project = await tx.project.findFirst({ where: { id: input.project_id, appId: scope.appId } });
    if (!project) throw notFound("Project");
    if (input.confirm_name !== project.name) throw invalidField("confirm_name", "type the project's name exactly to confirm");
    // Keys first: environments refuse to go while a key points at them.
    const { count: keys } = await tx.apiKey.deleteMany({ where: { projectId: project.id, appId: scope.appId } });
    await tx.project.delete({ where: { id: project.id, appId: scope.appId } });
    await recordAudit(tx, scope, {
      action: "project.deleted",
      target: { type: "project", id: project.id },
      metadata: { name: project.name, keys },
    });
    // A project may hold thousands of keys, more than a notification can list.
    await announceEverythingChanged(tx, scope.appId, "project_deleted");
  });
  everythingChanged();
}
