import { pageQueryFields } from "../../core/pagination";
import { z } from "../../core/zod";
import { idSchema, nameSchema, timestampOutputSchema } from "../../core/schemas";

// One schema per operation on app admin keys (seed 000, Passage-style).

/**
 * admin: every /v1 operation on its own app.
 * verifier: only POST /v1/api-keys/verify, for the services that check keys on each request.
 */
export const APP_KEY_ROLES = ["admin", "verifier"] as const;
export type AppKeyRole = (typeof APP_KEY_ROLES)[number];

export const createAppApiKeySchema = z.strictObject({
  name: nameSchema,
  role: z.enum(APP_KEY_ROLES).default("admin"),
});
export type CreateAppApiKeyInput = z.output<typeof createAppApiKeySchema>;

export const renameAppApiKeySchema = z.strictObject({ name: nameSchema });
export type RenameAppApiKeyInput = z.output<typeof renameAppApiKeySchema>;

export const appApiKeySchema = z.object({
  created_at: timestampOutputSchema,
  id: z.string(),
  key_prefix: z.string(),
  name: z.string(),
  role: z.enum(APP_KEY_ROLES),
});
export type AppApiKeyJson = z.infer<typeof appApiKeySchema>;

/** The console's row: the API's fields and when the key last authenticated (lib/domain/keys/usage-buffer.ts). */
export const consoleAppApiKeySchema = appApiKeySchema.extend({ last_used_at: timestampOutputSchema.nullable() });
export type ConsoleAppApiKey = z.infer<typeof consoleAppApiKeySchema>;

export const createdAppApiKeySchema = appApiKeySchema.extend({
  plaintext_key: z.string().describe("The plaintext key. It is returned only here, once."),
});

export const appApiKeyListResponseSchema = z.object({ api_keys: z.array(appApiKeySchema) });
export const appApiKeyResponseSchema = z.object({ api_key: appApiKeySchema });
export const createdAppApiKeyResponseSchema = z.object({ api_key: createdAppApiKeySchema });

// The console's server actions name the app, which must belong to the caller's team.
export const createAppKeyActionSchema = createAppApiKeySchema.extend({ app_id: idSchema });
export const renameAppKeyActionSchema = renameAppApiKeySchema.extend({ app_id: idSchema, key_id: idSchema });
export const listAppKeysQuerySchema = z.object(pageQueryFields());
export const listAppKeysActionSchema = listAppKeysQuerySchema.extend({ app_id: idSchema });
export const appKeyRefSchema = z.strictObject({ app_id: idSchema, key_id: idSchema });
