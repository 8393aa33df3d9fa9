import "server-only";
import type { AppScope } from "../auth/scope";
import { recordAudit } from "../audit/service";
import { db, transaction, type Tx } from "../db";
import type { Environment, Project } from "../db/generated/sqlite/client";
import { notFound } from "../errors";
import { newId } from "../ids";

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

export async function listProjects(scope: AppScope): Promise<Project[]> {
  return db().project.findMany({ where: { appId: scope.appId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
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
