import "server-only";
import { defineOperation } from "../operation";
import { getKeyPolicy, updateKeyPolicy } from "./key-policy";
import {
  createProjectSchema,
  deleteProjectSchema,
  keyPolicySchema,
  projectRefSchema,
  renameProjectSchema,
  updateKeyPolicyActionSchema,
  updateKeyPolicySchema,
} from "./schemas";
import { createProject, deleteProject, renameProject } from "./service";

// An app's projects and each project's key policy.

export const projectOperations = {
  createProject: defineOperation({
    summary: "Create a project",
    tenant: "app",
    input: createProjectSchema,
    run: async (scope, input) => {
      const project = await createProject(scope, input);
      return { id: project.id, name: project.name };
    },
    console: { permission: "projects:write", action: "createProject" },
  }),
  renameProject: defineOperation({
    summary: "Rename a project",
    tenant: "app",
    input: renameProjectSchema,
    run: async (scope, input) => {
      const project = await renameProject(scope, input);
      return { id: project.id, name: project.name };
    },
    console: { permission: "projects:write", action: "renameProject" },
  }),
  deleteProject: defineOperation({
    summary: "Delete a project and its keys",
    tenant: "app",
    input: deleteProjectSchema,
    run: async (scope, input) => (await deleteProject(scope, input), null),
    console: { permission: "projects:write", action: "deleteProject" },
  }),
  getKeyPolicy: defineOperation({
    summary: "Get a project's key policy",
    tenant: "app",
    input: projectRefSchema,
    run: (scope, input) => getKeyPolicy(scope, input.project_id),
    rest: {
      method: "GET",
      path: "/v1/projects/{project_id}/key-policy",
      permission: "projects:read",
      status: 200,
      input: ({ appId, params }) => ({ app_id: appId, project_id: params.project_id! }),
      response: keyPolicySchema,
    },
  }),
  updateKeyPolicy: defineOperation({
    summary: "Update a project's key policy",
    tenant: "app",
    input: updateKeyPolicyActionSchema,
    run: (scope, input) => updateKeyPolicy(scope, input.project_id, input.changes),
    rest: {
      method: "PATCH",
      path: "/v1/projects/{project_id}/key-policy",
      permission: "projects:write",
      status: 200,
      body: updateKeyPolicySchema,
      input: ({ appId, params, body }) => ({ app_id: appId, project_id: params.project_id!, changes: body }),
      response: keyPolicySchema,
      description:
        "Defaults for new keys and limits every new or rotated key must keep. Existing keys are not changed. null clears a setting.",
    },
    console: { permission: "projects:write", action: "updateKeyPolicy" },
  }),
};
