import "server-only";
import { defineOperation } from "../operation";
import { rotateApiKey } from "./rotate";
import { listProjectKeys } from "./queries";
import {
  apiKeyListSchema,
  apiKeySchema,
  createApiKeySchema,
  createdApiKeySchema,
  createKeyActionSchema,
  keyRefSchema,
  keyUsageActionSchema,
  keyUsageQuerySchema,
  keyUsageSchema,
  listApiKeysActionSchema,
  listApiKeysQuerySchema,
  projectKeysActionSchema,
  projectUsageActionSchema,
  rotateApiKeySchema,
  rotatedApiKeySchema,
  rotateKeyActionSchema,
  updateApiKeySchema,
  updateKeyActionSchema,
  reportUsageActionSchema,
  reportUsageSchema,
  usageReportedSchema,
  bulkRevokeSchema,
  bulkRevokeInputSchema,
  bulkRevokedSchema,
  bulkRevokeActionSchema,
  bulkSetEnabledActionSchema,
  creditsActionSchema,
  creditsOperationSchema,
} from "./schemas";
import { changeCredits } from "./credits";
import { toApiKeyJson, toConsoleKey, toRotatedApiKeyJson } from "./serialize";
import { bulkRevokeApiKeys, bulkSetEnabled, createApiKey, getApiKey, listApiKeys, revokeApiKey, updateApiKey } from "./service";
import { getKeyUsage, getProjectUsage, reportKeyUsage } from "./usage-report";

// Project keys: every operation on them, once. Verification is not here: it is the verify
// runtime's (lib/http/api/verifier.ts), which answers it before any of this loads.

export const keyOperations = {
  listApiKeys: defineOperation({
    summary: "List API keys",
    tenant: "app",
    input: listApiKeysActionSchema,
    run: async (scope, { app_id: _, project_id, ...query }) => {
      const { items, next_cursor } = await listApiKeys(scope, project_id, query);
      return { items: items.map(toApiKeyJson), next_cursor };
    },
    rest: {
      method: "GET",
      path: "/v1/api-keys",
      permission: "keys:read",
      status: 200,
      query: listApiKeysQuerySchema,
      input: ({ appId, query }) => ({ ...query, app_id: appId }),
      response: apiKeyListSchema,
      // Seed 001's shape: a bare array; the next page is in the Link header.
      respond: (page) => page.items,
      paged: true,
    },
  }),
  createApiKey: defineOperation({
    summary: "Create an API key",
    tenant: "app",
    input: createKeyActionSchema,
    run: async (scope, { app_id: _, ...data }) => {
      const { row, plaintext } = await createApiKey(scope, data);
      // The plaintext leaves the server this once; only its hash is kept.
      return { ...toApiKeyJson(row), key: plaintext };
    },
    rest: {
      method: "POST",
      path: "/v1/api-keys",
      permission: "keys:write",
      status: 201,
      body: createApiKeySchema,
      input: ({ appId, body }) => ({ ...body, app_id: appId }),
      response: createdApiKeySchema,
      respond: (created) => createdApiKeySchema.parse(created),
    },
    console: { permission: "keys:write", action: "createKey" },
  }),
  getApiKey: defineOperation({
    summary: "Get an API key",
    tenant: "app",
    input: keyRefSchema,
    run: async (scope, input) => toApiKeyJson(await getApiKey(scope, input.key_id)),
    rest: {
      method: "GET",
      path: "/v1/api-keys/{keyID}",
      permission: "keys:read",
      status: 200,
      input: ({ appId, params }) => ({ app_id: appId, key_id: params.keyID! }),
      response: apiKeySchema,
    },
  }),
  updateApiKey: defineOperation({
    summary: "Update an API key",
    tenant: "app",
    input: updateKeyActionSchema,
    run: async (scope, input) => toApiKeyJson(await updateApiKey(scope, input.key_id, input.changes)),
    rest: {
      method: "PATCH",
      path: "/v1/api-keys/{keyID}",
      permission: "keys:write",
      status: 200,
      body: updateApiKeySchema,
      input: ({ appId, params, body }) => ({ app_id: appId, key_id: params.keyID!, changes: body }),
      response: apiKeySchema,
      errors: [409],
    },
    console: { permission: "keys:write", action: "updateKey" },
  }),
  revokeApiKey: defineOperation({
    summary: "Revoke an API key",
    tenant: "app",
    input: keyRefSchema,
    run: async (scope, input) => (await revokeApiKey(scope, input.key_id), null),
    rest: {
      method: "DELETE",
      path: "/v1/api-keys/{keyID}",
      permission: "keys:write",
      status: 204,
      input: ({ appId, params }) => ({ app_id: appId, key_id: params.keyID! }),
      responseDescription: "Revoked",
    },
    console: { permission: "keys:write", action: "revokeKey" },
  }),
  bulkRevokeApiKeys: defineOperation({
    summary: "Revoke many API keys at once",
    tenant: "app",
    input: bulkRevokeInputSchema,
    run: (scope, { app_id: _, ...input }) => bulkRevokeApiKeys(scope, input),
    rest: {
      method: "POST",
      path: "/v1/api-keys/bulk-revoke",
      permission: "keys:write",
      status: 200,
      body: bulkRevokeSchema,
      input: ({ appId, body }) => ({ ...body, app_id: appId }),
      response: bulkRevokedSchema,
      description:
        "Give exactly one of `ids` (up to 1,000 keys of the project) or `owner_id` (its live keys, 1,000 a call: call again while `has_more`). " +
        "All are revoked in one transaction, or none: an id that is not a key of the project answers 404. Keys already revoked are left as they are.",
    },
  }),
  revokeSelectedKeys: defineOperation({
    summary: "Revoke the keys selected in the console's table",
    tenant: "app",
    input: bulkRevokeActionSchema,
    run: (scope, { app_id: _, ...input }) => bulkRevokeApiKeys(scope, input),
    console: { permission: "keys:write", action: "revokeSelectedKeys" },
  }),
  setSelectedKeysEnabled: defineOperation({
    summary: "Disable or enable the keys selected in the console's table",
    tenant: "app",
    input: bulkSetEnabledActionSchema,
    run: (scope, { app_id: _, ...input }) => bulkSetEnabled(scope, input),
    console: { permission: "keys:write", action: "setSelectedKeysEnabled" },
  }),
  rotateApiKey: defineOperation({
    summary: "Rotate an API key with optional grace period",
    tenant: "app",
    input: rotateKeyActionSchema,
    run: async (scope, { key_id, grace_period_seconds }) =>
      toRotatedApiKeyJson(await rotateApiKey(scope, key_id, { grace_period_seconds })),
    rest: {
      method: "POST",
      path: "/v1/api-keys/{keyID}/rotate",
      permission: "keys:write",
      status: 200,
      body: rotateApiKeySchema,
      input: ({ appId, params, body }) => ({ ...body, app_id: appId, key_id: params.keyID! }),
      response: rotatedApiKeySchema,
      errors: [409],
    },
    console: { permission: "keys:write", action: "rotateKey" },
  }),
  changeApiKeyCredits: defineOperation({
    summary: "Set, add to or take from an API key's credits",
    tenant: "app",
    input: creditsActionSchema,
    run: async (scope, { key_id, change }) => toApiKeyJson(await changeCredits(scope, key_id, change)),
    rest: {
      method: "POST",
      path: "/v1/api-keys/{keyID}/credits",
      permission: "keys:write",
      status: 200,
      body: creditsOperationSchema,
      input: ({ appId, params, body }) => ({ app_id: appId, key_id: params.keyID!, change: body }),
      response: apiKeySchema,
      errors: [409],
    },
    console: { permission: "keys:write", action: "changeKeyCredits" },
  }),
  getApiKeyUsage: defineOperation({
    summary: "Verifications of an API key over time, by outcome",
    tenant: "app",
    input: keyUsageActionSchema,
    run: (scope, input) => getKeyUsage(scope, input.key_id, input.window),
    rest: {
      method: "GET",
      path: "/v1/api-keys/{keyID}/usage",
      permission: "keys:read",
      status: 200,
      query: keyUsageQuerySchema,
      input: ({ appId, params, query }) => ({ ...query, app_id: appId, key_id: params.keyID! }),
      response: keyUsageSchema,
      responseDescription: "Hourly buckets for 24h and 7d, daily for 30d",
    },
    console: {
      permission: "team:read",
      route: {
        path: "/[team]/apps/[app]/keys/[key]/usage",
        input: ({ params, search }) => ({ window: search.window, app_id: params.app, key_id: params.key }),
      },
    },
  }),
  reportKeyUsage: defineOperation({
    summary: "Report verifications an SDK answered from its cache",
    tenant: "app",
    input: reportUsageActionSchema,
    run: (scope, { app_id: _, ...input }) => reportKeyUsage(scope, input),
    rest: {
      method: "POST",
      path: "/v1/api-keys/usage",
      // Either role: the SDK runs with the service's verifier key.
      permission: "keys:verify",
      status: 200,
      body: reportUsageSchema,
      input: ({ appId, body }) => ({ ...body, app_id: appId }),
      response: usageReportedSchema,
      description:
        "@latchkey/sdk sends these every few seconds, so that a key's usage chart and last_used_at count the verifications its cache answered. " +
        "Each entry's counts go to the hour of its last_verified_at (within the last day); keys of another app are not counted and are named back.",
    },
  }),
  getProjectUsage: defineOperation({
    summary: "Verifications of a project's keys over time, by outcome",
    tenant: "app",
    input: projectUsageActionSchema,
    run: (scope, input) => getProjectUsage(scope, input.project_id, input.window),
    console: {
      permission: "team:read",
      route: {
        path: "/[team]/apps/[app]/projects/[project]/usage",
        input: ({ params, search }) => ({ window: search.window, app_id: params.app, project_id: params.project }),
      },
    },
  }),
  listProjectKeys: defineOperation({
    summary: "One page of a project's keys, searched, filtered and sorted",
    tenant: "app",
    input: projectKeysActionSchema,
    run: async (scope, query) => {
      const now = new Date();
      const page = await listProjectKeys(scope, query.project_id, query, now);
      return { ...page, rows: page.rows.map((row) => toConsoleKey(row, now)) };
    },
    console: {
      permission: "team:read",
      route: {
        path: "/[team]/apps/[app]/projects/[project]/keys",
        input: ({ params, search }) => ({ ...search, app_id: params.app, project_id: params.project }),
      },
    },
  }),
};
