import "server-only";
import type { z } from "zod";
import { appKeyRefSchema, createAppKeyActionSchema, renameAppKeyActionSchema } from "../../domain/app-keys/schemas";
import { createAppApiKey, deleteAppApiKey, renameAppApiKey, toAppApiKeyJson } from "../../domain/app-keys/service";
import { rotateApiKey } from "../../domain/keys/rotate";
import { createKeyActionSchema, keyRefSchema, rotateKeyActionSchema, updateKeyActionSchema } from "../../domain/keys/schemas";
import { toApiKeyJson, toConsoleKey, toRotatedApiKeyJson } from "../../domain/keys/serialize";
import { createApiKey, revokeApiKey, updateApiKey } from "../../domain/keys/service";
import { updateKeyPolicy } from "../../domain/projects/key-policy";
import { createProjectSchema, deleteProjectSchema, renameProjectSchema, updateKeyPolicyActionSchema } from "../../domain/projects/schemas";
import { createProject, deleteProject, renameProject } from "../../domain/projects/service";
import { redeliverWebhookMessage } from "../../domain/webhooks/deliveries";
import { redeliverActionSchema, rotateSigningSecretActionSchema } from "../../domain/webhooks/schemas";
import { rotateWebhookSigningSecret, toRotatedSigningSecretJson } from "../../domain/webhooks/signing-secret";
import type { TeamPermission } from "../../domain/teams/permissions";
import { type AppActionScope, runAppAction, type TeamActionCaller } from "./team-action";

// Every console mutation on an app's resources, as one table: the permission it needs, the
// schema of its input, and the service call. The server actions are one line each over this
// table, and the isolation and permission tests walk the same table, so no action can be
// added without them.

type AppAction<S extends z.ZodType<{ app_id: string }>, T> = {
  permission: TeamPermission;
  schema: S;
  run: (scope: AppActionScope, input: z.output<S>) => Promise<T>;
};

const define = <S extends z.ZodType<{ app_id: string }>, T>(action: AppAction<S, T>) => action;

export const APP_ACTIONS = {
  createProject: define({
    permission: "projects:write",
    schema: createProjectSchema,
    run: async (scope, data) => {
      const project = await createProject(scope, data);
      return { id: project.id, name: project.name };
    },
  }),
  renameProject: define({
    permission: "projects:write",
    schema: renameProjectSchema,
    run: async (scope, data) => {
      const project = await renameProject(scope, data);
      return { id: project.id, name: project.name };
    },
  }),
  deleteProject: define({
    permission: "projects:write",
    schema: deleteProjectSchema,
    run: async (scope, data) => (await deleteProject(scope, data), null),
  }),
  createAppKey: define({
    permission: "app_keys:write",
    schema: createAppKeyActionSchema,
    run: async (scope, { app_id: _, ...data }) => {
      const { row, plaintext } = await createAppApiKey(scope, data);
      // The plaintext leaves the server this once; only its hash is kept.
      return { ...toAppApiKeyJson(row), plaintext_key: plaintext };
    },
  }),
  renameAppKey: define({
    permission: "app_keys:write",
    schema: renameAppKeyActionSchema,
    run: async (scope, data) => toAppApiKeyJson(await renameAppApiKey(scope, data.key_id, { name: data.name })),
  }),
  deleteAppKey: define({
    permission: "app_keys:write",
    schema: appKeyRefSchema,
    run: async (scope, data) => (await deleteAppApiKey(scope, data.key_id), null),
  }),
  createKey: define({
    permission: "keys:write",
    schema: createKeyActionSchema,
    run: async (scope, { app_id: _, ...data }) => {
      const { row, plaintext } = await createApiKey(scope, data);
      return { ...toApiKeyJson(row), key: plaintext };
    },
  }),
  updateKey: define({
    permission: "keys:write",
    schema: updateKeyActionSchema,
    run: async (scope, data) => toConsoleKey(await updateApiKey(scope, data.key_id, data.changes)),
  }),
  revokeKey: define({
    permission: "keys:write",
    schema: keyRefSchema,
    run: async (scope, data) => (await revokeApiKey(scope, data.key_id), null),
  }),
  rotateKey: define({
    permission: "keys:write",
    schema: rotateKeyActionSchema,
    run: async (scope, { key_id, grace_period_seconds }) =>
      toRotatedApiKeyJson(await rotateApiKey(scope, key_id, { grace_period_seconds })),
  }),
  updateKeyPolicy: define({
    permission: "projects:write",
    schema: updateKeyPolicyActionSchema,
    run: async (scope, data) => updateKeyPolicy(scope, data.project_id, data.changes),
  }),
  rotateSigningSecret: define({
    permission: "projects:write",
    schema: rotateSigningSecretActionSchema,
    // The new secret leaves the server this once; it is kept sealed.
    run: async (scope, data) => toRotatedSigningSecretJson(await rotateWebhookSigningSecret(scope, data.project_id)),
  }),
  redeliverWebhook: define({
    permission: "webhooks:write",
    schema: redeliverActionSchema,
    run: async (scope, data) => redeliverWebhookMessage(scope, data.project_id, data.message_id),
  }),
};

export type AppActionName = keyof typeof APP_ACTIONS;

/** Runs one action of the table for a caller: session, membership, permission, app's team, input. */
export function performAppAction<S extends z.ZodType<{ app_id: string }>, T>(
  caller: TeamActionCaller,
  action: AppAction<S, T>,
  input: unknown,
) {
  return runAppAction(caller, action.permission, action.schema, input, action.run);
}
