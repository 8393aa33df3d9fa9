import { pageQueryFields } from "../../core/pagination";
import { z } from "../../core/zod";
import { keySearchTerm } from "./search-term";
import { KEY_STATUSES } from "./state";
import {
  gracePeriodSecondsSchema,
  idSchema,
  nameSchema,
  rotationIntervalDaysSchema,
  textSchema,
  timestampInputSchema,
  timestampOutputSchema,
} from "../../core/schemas";

// One schema per operation on project keys (seed 001). The route handlers, the console's
// server actions and the OpenAPI document all use these.

export const scopeSchema = textSchema()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .regex(/^[A-Za-z0-9_.:*/-]+$/, "may contain only letters, digits and _ . : * / -");

export const scopesSchema = z
  .array(scopeSchema)
  .max(100, "at most 100 scopes")
  .transform((scopes) => [...new Set(scopes)]);

/** Parses as an absolute http(s) URL with a host, and has no whitespace or control characters (which URL parsing would quietly encode). */
function isHttpUrl(value: string): boolean {
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

// The shape only. Whether this server may send to the URL (https, loopback, private ranges)
// depends on its policy, and lib/domain/webhooks/url-guard.ts says why when it may not.
export const webhookUrlSchema = textSchema()
  .max(2048, { message: "must be at most 2048 characters", abort: true })
  .refine(isHttpUrl, "must be an absolute http or https URL, such as https://hooks.example.com/latchkey");

export const createApiKeySchema = z.strictObject({
  project_id: idSchema,
  name: nameSchema,
  scopes: scopesSchema.optional(),
  expires_at: timestampInputSchema.nullable().optional(),
  environment_id: idSchema.optional(),
  rotation_interval_days: rotationIntervalDaysSchema.nullable().optional(),
  rotation_webhook_url: webhookUrlSchema.nullable().optional(),
  rotation_grace_period_seconds: gracePeriodSecondsSchema.nullable().optional(),
});
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

export const updateApiKeySchema = z
  .strictObject({
    name: nameSchema.optional(),
    scopes: scopesSchema.optional(),
    expires_at: timestampInputSchema.nullable().optional(),
    rotation_interval_days: rotationIntervalDaysSchema.nullable().optional(),
    rotation_webhook_url: webhookUrlSchema.nullable().optional(),
    rotation_grace_period_seconds: gracePeriodSecondsSchema.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "give at least one field to change");
export type UpdateApiKeyInput = z.output<typeof updateApiKeySchema>;

export const rotateApiKeySchema = z.strictObject({
  grace_period_seconds: gracePeriodSecondsSchema.optional(),
});
export type RotateApiKeyInput = z.output<typeof rotateApiKeySchema>;

export const verifyApiKeySchema = z.strictObject({
  key: textSchema().min(1, "must not be empty").max(512),
  scopes: z.array(textSchema().min(1).max(100)).max(100).optional(),
});
export type VerifyApiKeyInput = z.output<typeof verifyApiKeySchema>;

export const listApiKeysQuerySchema = z.object({ project_id: idSchema, ...pageQueryFields() });

/** The console's keys table: one page, searched, filtered and sorted on the server. */
export const PAGE_SIZES = [25, 50, 100] as const;
const blankAsAbsent = (value: unknown) => (value === "" || value === null ? undefined : value);
export const listProjectKeysQuerySchema = z.object({
  // A pasted key is searched by its key_prefix: the secret part goes no further than this.
  q: z.preprocess(blankAsAbsent, textSchema().trim().max(200).transform(keySearchTerm).optional()),
  status: z.preprocess(blankAsAbsent, z.enum(KEY_STATUSES).optional()),
  environment_id: z.preprocess(blankAsAbsent, idSchema.optional()),
  sort: z.preprocess(blankAsAbsent, z.enum(["name", "created_at", "last_used_at", "expires_at", "next_rotation_at"]).default("created_at")),
  dir: z.preprocess(blankAsAbsent, z.enum(["asc", "desc"]).default("desc")),
  page: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(100_000).default(1)),
  page_size: z.preprocess(
    blankAsAbsent,
    z.coerce
      .number()
      .pipe(z.union(PAGE_SIZES.map((n) => z.literal(n))))
      .default(25),
  ),
});
export type ListProjectKeysQuery = z.output<typeof listProjectKeysQuerySchema>;

const timestamp = timestampOutputSchema.nullable();

export const apiKeySchema = z.object({
  id: z.string(),
  project_id: z.string(),
  name: z.string(),
  key_prefix: z.string(),
  scopes: z.array(z.string()),
  expires_at: timestamp,
  last_used_at: timestamp,
  created_at: timestampOutputSchema,
  revoked_at: timestamp,
  replaced_by_key_id: z.string().nullable(),
  grace_expires_at: timestamp,
  environment_id: z.string(),
  rotation_interval_days: z.int().nullable(),
  next_rotation_at: timestamp,
  rotation_webhook_url: z.string().nullable(),
  // Beyond seed 001: the grace the scheduler gives this key when it rotates it (null: the project's default).
  rotation_grace_period_seconds: z.int().nullable(),
});
export type ApiKeyJson = z.infer<typeof apiKeySchema>;

export const apiKeyListSchema = z.array(apiKeySchema);

export const createdApiKeySchema = apiKeySchema.extend({
  key: z.string().describe("The plaintext key. It is returned only here, once."),
});

export const rotatedApiKeySchema = z.object({
  old_key_id: z.string(),
  new_key_id: z.string(),
  project_id: z.string(),
  name: z.string(),
  key: z.string().describe("The new plaintext key. It is returned only here, once."),
  key_prefix: z.string(),
  scopes: z.array(z.string()),
  expires_at: timestamp,
  created_at: timestampOutputSchema,
  grace_expires_at: timestamp,
});

export const VERIFY_CODES = ["VALID", "NOT_FOUND", "MALFORMED", "REVOKED", "EXPIRED", "INSUFFICIENT_SCOPES"] as const;
export type VerifyCode = (typeof VERIFY_CODES)[number];

export const verifyResultSchema = z.object({
  valid: z.boolean(),
  code: z.enum(VERIFY_CODES),
  key_id: z.string().nullable(),
  project_id: z.string().nullable(),
  environment_id: z.string().nullable(),
  scopes: z.array(z.string()),
  expires_at: timestamp,
  grace_expires_at: timestamp,
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export const USAGE_WINDOWS = {
  "24h": { buckets: 24, unit: "hour" },
  "7d": { buckets: 168, unit: "hour" },
  "30d": { buckets: 30, unit: "day" },
} as const;
export type UsageWindow = keyof typeof USAGE_WINDOWS;

export const keyUsageQuerySchema = z.object({
  window: z.enum(Object.keys(USAGE_WINDOWS) as [UsageWindow, ...UsageWindow[]]).default("24h"),
});

const usageCountsSchema = z.object({ valid: z.int(), revoked: z.int(), expired: z.int(), insufficient_scopes: z.int() });
export type UsageCounts = z.infer<typeof usageCountsSchema>;

export const keyUsageSchema = z.object({
  key_id: z.string(),
  window: z.enum(Object.keys(USAGE_WINDOWS) as [UsageWindow, ...UsageWindow[]]),
  granularity: z.enum(["hour", "day"]),
  buckets: z.array(usageCountsSchema.extend({ start: timestampOutputSchema })),
  totals: usageCountsSchema,
});

export const projectUsageSchema = keyUsageSchema.omit({ key_id: true }).extend({ project_id: z.string() });
export type Usage = z.infer<typeof keyUsageSchema> | z.infer<typeof projectUsageSchema>;

// The console's server actions name the app (checked against the caller's team) and the key.
const inApp = { app_id: idSchema };
export const createKeyActionSchema = createApiKeySchema.extend(inApp);
export const keyRefSchema = z.strictObject({ ...inApp, key_id: idSchema });
export const updateKeyActionSchema = keyRefSchema.extend({ changes: updateApiKeySchema });
export const rotateKeyActionSchema = rotateApiKeySchema.extend({ ...inApp, key_id: idSchema });
export const projectKeysActionSchema = listProjectKeysQuerySchema.extend({ ...inApp, project_id: idSchema });
export const keyUsageActionSchema = keyUsageQuerySchema.extend({ ...inApp, key_id: idSchema });
export const projectUsageActionSchema = keyUsageQuerySchema.extend({ ...inApp, project_id: idSchema });
export const listApiKeysActionSchema = listApiKeysQuerySchema.extend(inApp);

/** What an SDK reports of the verifications it answered from its cache (POST /v1/api-keys/usage). */
const usageCountSchema = z.int().min(0).max(1_000_000).default(0);
export const reportUsageSchema = z.strictObject({
  keys: z
    .array(
      z.strictObject({
        key_id: idSchema,
        last_verified_at: timestampInputSchema,
        valid: usageCountSchema,
        revoked: usageCountSchema,
        expired: usageCountSchema,
        insufficient_scopes: usageCountSchema,
      }),
    )
    .min(1)
    .max(1000),
});
export type ReportUsageInput = z.output<typeof reportUsageSchema>;
export const usageReportedSchema = z.object({
  accepted: z.int(),
  unknown_key_ids: z.array(z.string()).describe("Ids that are not keys of the caller's app: not counted."),
});
export const reportUsageActionSchema = reportUsageSchema.extend(inApp);
