"use server";

import { actionCaller as caller } from "@/lib/actions/caller";
import { runAppAction } from "@/lib/actions/team-action";
import { appKeyRefSchema, createAppKeyActionSchema, renameAppKeyActionSchema } from "@/lib/app-keys/schemas";
import { createAppApiKey, deleteAppApiKey, renameAppApiKey, toAppApiKeyJson } from "@/lib/app-keys/service";
import { rotateApiKey } from "@/lib/keys/rotate";
import { createKeyActionSchema, keyRefSchema, rotateKeyActionSchema, updateKeyActionSchema } from "@/lib/keys/schemas";
import { toApiKeyJson, toConsoleKey, toRotatedApiKeyJson } from "@/lib/keys/serialize";
import { createApiKey, revokeApiKey, updateApiKey } from "@/lib/keys/service";
import { createProjectSchema, deleteProjectSchema, renameProjectSchema } from "@/lib/projects/schemas";
import { createProject, deleteProject, renameProject } from "@/lib/projects/service";

// Server actions for an app's projects, app admin keys and project keys. Each one checks the
// session, the team membership, the role's permission and the app's team (runAppAction).

export async function createProjectAction(teamSlug: string, input: unknown) {
  return runAppAction(await caller(teamSlug), "projects:write", createProjectSchema, input, async (scope, data) => {
    const project = await createProject(scope, data);
    return { id: project.id, name: project.name };
  });
}

export async function renameProjectAction(teamSlug: string, input: unknown) {
  return runAppAction(await caller(teamSlug), "projects:write", renameProjectSchema, input, async (scope, data) => {
    const project = await renameProject(scope, data);
    return { id: project.id, name: project.name };
  });
}

export async function deleteProjectAction(teamSlug: string, input: unknown) {
  return runAppAction(await caller(teamSlug), "projects:write", deleteProjectSchema, input, async (scope, data) => {
    await deleteProject(scope, data);
    return null;
  });
}

export async function createAppKeyAction(teamSlug: string, input: unknown) {
  return runAppAction(await caller(teamSlug), "app_keys:write", createAppKeyActionSchema, input, async (scope, { app_id: _, ...data }) => {
    const { row, plaintext } = await createAppApiKey(scope, data);
    // The plaintext leaves the server this once; only its hash is kept.
    return { ...toAppApiKeyJson(row), plaintext_key: plaintext };
  });
}

export async function renameAppKeyAction(teamSlug: string, input: unknown) {
  return runAppAction(await caller(teamSlug), "app_keys:write", renameAppKeyActionSchema, input, async (scope, data) =>
    toAppApiKeyJson(await renameAppApiKey(scope, data.key_id, { name: data.name })),
  );
}

export async function deleteAppKeyAction(teamSlug: string, input: unknown) {
  return runAppAction(await caller(teamSlug), "app_keys:write", appKeyRefSchema, input, async (scope, data) => {
    await deleteAppApiKey(scope, data.key_id);
    return null;
  });
}

export async function createKeyAction(teamSlug: string, input: unknown) {
  return runAppAction(await caller(teamSlug), "keys:write", createKeyActionSchema, input, async (scope, { app_id: _, ...data }) => {
    const { row, plaintext } = await createApiKey(scope, data);
    return { ...toApiKeyJson(row), key: plaintext };
  });
}

export async function updateKeyAction(teamSlug: string, input: unknown) {
  return runAppAction(await caller(teamSlug), "keys:write", updateKeyActionSchema, input, async (scope, data) =>
    toConsoleKey(await updateApiKey(scope, data.key_id, data.changes)),
  );
}

export async function revokeKeyAction(teamSlug: string, input: unknown) {
  return runAppAction(await caller(teamSlug), "keys:write", keyRefSchema, input, async (scope, data) => {
    await revokeApiKey(scope, data.key_id);
    return null;
  });
}

export async function rotateKeyAction(teamSlug: string, input: unknown) {
  return runAppAction(await caller(teamSlug), "keys:write", rotateKeyActionSchema, input, async (scope, { key_id, grace_period_seconds }) =>
    toRotatedApiKeyJson(await rotateApiKey(scope, key_id, { grace_period_seconds })),
  );
}
