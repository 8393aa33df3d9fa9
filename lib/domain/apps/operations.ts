import "server-only";
import { defineOperation } from "../operation";
import { createAppSchema, deleteAppSchema, renameAppSchema } from "./schemas";
import { createApp, deleteApp, renameApp } from "./service";

// A team's apps: console only (an app API key lives inside one app).

export const appOperations = {
  createApp: defineOperation({
    summary: "Create an app",
    tenant: "team",
    input: createAppSchema,
    run: async (scope, input) => {
      const app = await createApp(scope, input);
      return { id: app.id, name: app.name };
    },
    console: { permission: "apps:write", action: "createApp" },
  }),
  renameApp: defineOperation({
    summary: "Rename an app",
    tenant: "team",
    input: renameAppSchema,
    run: async (scope, input) => {
      const app = await renameApp(scope, input);
      return { id: app.id, name: app.name };
    },
    console: { permission: "apps:write", action: "renameApp" },
  }),
  deleteApp: defineOperation({
    summary: "Delete an app, its projects and its keys",
    tenant: "team",
    input: deleteAppSchema,
    run: async (scope, input) => (await deleteApp(scope, input), null),
    console: { permission: "apps:write", action: "deleteApp" },
  }),
};
