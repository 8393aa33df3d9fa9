import "server-only";
import { z } from "../../core/zod";
import { defineOperation } from "../operation";
import {
  appApiKeyListResponseSchema,
  appApiKeyResponseSchema,
  appKeyRefSchema,
  createAppApiKeySchema,
  createAppKeyActionSchema,
  createdAppApiKeyResponseSchema,
  listAppKeysActionSchema,
  listAppKeysQuerySchema,
  renameAppApiKeySchema,
  renameAppKeyActionSchema,
} from "./schemas";
import { createAppApiKey, deleteAppApiKey, getAppApiKey, listAppApiKeys, renameAppApiKey, toAppApiKeyJson } from "./service";

// App admin keys (seed 000, Passage-style): the REST answers wrap a key in `api_key`; the console
// gets the key itself.

const envelope = <T>(api_key: T) => ({ api_key });
const appRef = ({ appId, params }: { appId: string; params: Record<string, string> }) => ({ app_id: appId, key_id: params.api_key_id! });

export const appKeyOperations = {
  listAppApiKeys: defineOperation({
    summary: "List API keys",
    tenant: "app",
    input: listAppKeysActionSchema,
    run: async (scope, { app_id: _, ...page }) => {
      const { items, next_cursor } = await listAppApiKeys(scope, page);
      return { items: items.map(toAppApiKeyJson), next_cursor };
    },
    rest: {
      method: "GET",
      path: "/v1/apps/{app_id}/api-keys",
      permission: "app_keys:read",
      status: 200,
      query: listAppKeysQuerySchema,
      input: ({ appId, query }) => ({ ...query, app_id: appId }),
      response: appApiKeyListResponseSchema,
      // Seed 000's shape: `{ api_keys }`; the next page is in the Link header.
      respond: (page) => ({ api_keys: page.items }),
      paged: true,
    },
  }),
  createAppApiKey: defineOperation({
    summary: "Create API key",
    tenant: "app",
    input: createAppKeyActionSchema,
    run: async (scope, { app_id: _, ...data }) => {
      const { row, plaintext } = await createAppApiKey(scope, data);
      // The plaintext leaves the server this once; only its hash is kept.
      return { ...toAppApiKeyJson(row), plaintext_key: plaintext };
    },
    rest: {
      method: "POST",
      path: "/v1/apps/{app_id}/api-keys",
      permission: "app_keys:write",
      status: 201,
      body: createAppApiKeySchema,
      input: ({ appId, body }) => ({ ...body, app_id: appId }),
      response: createdAppApiKeyResponseSchema,
      respond: envelope,
    },
    console: { permission: "app_keys:write", action: "createAppKey" },
  }),
  getAppApiKey: defineOperation({
    summary: "Get API key",
    tenant: "app",
    input: appKeyRefSchema,
    run: async (scope, input) => toAppApiKeyJson(await getAppApiKey(scope, input.key_id)),
    rest: {
      method: "GET",
      path: "/v1/apps/{app_id}/api-keys/{api_key_id}",
      permission: "app_keys:read",
      status: 200,
      input: appRef,
      response: appApiKeyResponseSchema,
      respond: envelope,
    },
  }),
  updateAppApiKey: defineOperation({
    summary: "Update API key",
    tenant: "app",
    input: renameAppKeyActionSchema,
    run: async (scope, input) => toAppApiKeyJson(await renameAppApiKey(scope, input.key_id, { name: input.name })),
    rest: {
      method: "PATCH",
      path: "/v1/apps/{app_id}/api-keys/{api_key_id}",
      permission: "app_keys:write",
      status: 200,
      body: renameAppApiKeySchema,
      input: (request) => ({ ...request.body, ...appRef(request) }),
      response: appApiKeyResponseSchema,
      respond: envelope,
    },
    console: { permission: "app_keys:write", action: "renameAppKey" },
  }),
  deleteAppApiKey: defineOperation({
    summary: "Delete API key",
    tenant: "app",
    input: appKeyRefSchema,
    run: async (scope, input) => (await deleteAppApiKey(scope, input.key_id), null),
    rest: {
      method: "DELETE",
      path: "/v1/apps/{app_id}/api-keys/{api_key_id}",
      permission: "app_keys:write",
      status: 200,
      input: appRef,
      response: z.strictObject({}),
      respond: () => ({}),
    },
    console: { permission: "app_keys:write", action: "deleteAppKey" },
  }),
};
