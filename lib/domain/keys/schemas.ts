import { pageQueryFields } from "../../core/pagination";
import { z } from "../../core/zod";
import { keySearchTerm } from "./search-term";
import { costSchema, creditsOperationSchema, creditsSchema, rateLimitsSchema, REFILL_INTERVALS } from "../../core/limits";
import { KEY_STATUSES } from "./state";
import { allowlistEntryProblem, canonicalEntry, MAX_ALLOWLIST_ENTRIES, normalizeAddress } from "../../core/net/ip";
import {
  gracePeriodSecondsSchema,
  idSchema,
  nameSchema,
  rotationIntervalDaysSchema,
  textSchema,
  timestampInputSchema,
  unstorableText,
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

export { webhookUrlSchema } from "../webhooks/url-schema";
import { webhookUrlSchema } from "../webhooks/url-schema";

/** Your customer's (or service's) id: "revoke every key of customer X" is one call (bulk revoke). */
export const ownerIdSchema = textSchema().min(1, "must not be empty").max(255, "must be at most 255 characters");

export const MAX_META_BYTES = 16_384;
const MAX_META_DEPTH = 32;

/**
 * Why a parsed JSON value cannot be kept as a key's meta (too deep, or a string neither database
 * stores), or null. Walked without recursion, so that a deep value cannot overflow the stack.
 */
function metaProblem(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node === "string") {
      const problem = unstorableText(node);
      if (problem) return problem;
      if (node === "__proto__") return "must not use __proto__ as a key or value";
    }
    if (node === null || typeof node !== "object") continue;
    if (depth > MAX_META_DEPTH) return `must be nested at most ${MAX_META_DEPTH} levels deep`;
    for (const [key, child] of Object.entries(node)) stack.push([key, depth], [child, depth + 1]);
  }
  return null;
}

/**
 * A JSON object, returned at verification: at most 16 KB serialised and 32 levels deep. It is
 * checked as the client sent it, before the record's parse (which would drop a "__proto__" key).
 */
export const metaSchema = z
  .preprocess(
    (value, ctx) => {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
      const problem = metaProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
      else if (Buffer.byteLength(JSON.stringify(value)) > MAX_META_BYTES)
        ctx.addIssue({ code: "custom", message: `must be at most ${MAX_META_BYTES} bytes (16 KB) as JSON`, input: value });
      return value;
    },
    z.record(z.string(), z.unknown(), "must be a JSON object"),
  )
  .meta({ type: "object", additionalProperties: true, description: "A JSON object of your own, up to 16 KB." });

/** Addresses and CIDR ranges; a bad entry is named in the error (its index is the field path). */
export const ipAllowlistSchema = z
  .array(
    textSchema()
      .max(64, "must be at most 64 characters")
      .check((ctx) => {
        const problem = allowlistEntryProblem(ctx.value);
        if (problem) ctx.issues.push({ code: "custom", message: `"${ctx.value}" ${problem}`, input: ctx.value, abort: true });
      }),
  )
  .max(MAX_ALLOWLIST_ENTRIES, `at most ${MAX_ALLOWLIST_ENTRIES} entries`)
  .transform((entries) => [...new Set(entries.map(canonicalEntry))]);

// What create and update share beyond seed 001 (the lifecycle fields).
const lifecycleFields = {
  rate_limits: rateLimitsSchema.optional(),
  credits: creditsSchema.nullable().optional(),
  enabled: z.boolean().optional(),
  owner_id: ownerIdSchema.nullable().optional(),
  meta: metaSchema.nullable().optional(),
  ip_allowlist: ipAllowlistSchema.optional(),
};

export const createApiKeySchema = z.strictObject({
  project_id: idSchema,
  name: nameSchema,
  scopes: scopesSchema.optional(),
  expires_at: timestampInputSchema.nullable().optional(),
  environment_id: idSchema.optional(),
  rotation_interval_days: rotationIntervalDaysSchema.nullable().optional(),
  rotation_webhook_url: webhookUrlSchema.nullable().optional(),
  rotation_grace_period_seconds: gracePeriodSecondsSchema.nullable().optional(),
  ...lifecycleFields,
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
    ...lifecycleFields,
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
  // The client that presented the key, as the calling service saw it: checked against the key's
  // ip_allowlist and kept, with the user agent, as where the key was last used.
  ip: textSchema()
    .max(64)
    .refine((value) => normalizeAddress(value) !== null, "must be an IPv4 or IPv6 address")
    .transform((value) => normalizeAddress(value)!)
    .optional(),
  user_agent: textSchema().max(512).optional(),
  // What this verification costs in the key's rate limits and credits (0 checks without taking).
  cost: costSchema.optional(),
});
export type VerifyApiKeyInput = z.output<typeof verifyApiKeySchema>;

export const listApiKeysQuerySchema = z.object({
  project_id: idSchema,
  owner_id: z.preprocess((v) => (v === "" ? undefined : v), ownerIdSchema.optional()),
  ...pageQueryFields(),
});

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
  enabled: z.boolean(),
  disabled_at: timestamp,
  disabled_reason: z
    .enum(["manual", "stale", "leaked"])
    .nullable()
    .describe("Why the key is disabled: by a person or app key, unused for the project's disable_after_unused_days, or reported leaked."),
  owner_id: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()).nullable(),
  ip_allowlist: z.array(z.string()),
  last_used_ip: z.string().nullable(),
  last_used_user_agent: z.string().nullable(),
  rate_limits: z.array(z.object({ name: z.string(), limit: z.int(), window_seconds: z.int() })),
  credits: z
    .object({
      remaining: z.int(),
      refill: z.object({ amount: z.int(), interval: z.enum(REFILL_INTERVALS) }).nullable(),
      next_refill_at: timestamp,
    })
    .nullable()
    .describe("The key's credits (uses left), or null: unlimited. remaining may lag verifications by up to a second."),
  source: z
    .enum(["generated", "imported"])
    .describe("generated: issued by Latchkey. imported: brought in from another key service (`latchkey import`)."),
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

export const VERIFY_CODES = [
  "VALID",
  "NOT_FOUND",
  "MALFORMED",
  "REVOKED",
  "EXPIRED",
  "DISABLED",
  "FORBIDDEN",
  "INSUFFICIENT_SCOPES",
  "RATE_LIMITED",
  "USAGE_EXCEEDED",
] as const;
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
  owner_id: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()).nullable(),
  rate_limits: z
    .array(z.object({ name: z.string(), limit: z.int(), remaining: z.int(), reset_at: timestampOutputSchema }))
    .describe("The key's rate limits after this verification: what is left in the current window, and when it ends."),
  credits_remaining: z.int().nullable().describe("The key's credits left after this verification; null for a key without credits."),
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

const usageCountsSchema = z.object({
  valid: z.int(),
  revoked: z.int(),
  expired: z.int(),
  disabled: z.int(),
  forbidden: z.int(),
  insufficient_scopes: z.int(),
  rate_limited: z.int(),
  usage_exceeded: z.int(),
});
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
export const creditsActionSchema = keyRefSchema.extend({ change: creditsOperationSchema });
export { creditsOperationSchema };
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
        disabled: usageCountSchema,
        forbidden: usageCountSchema,
        insufficient_scopes: usageCountSchema,
        // Where the key was last presented from, when the SDK was told (verify's ip and user_agent).
        last_ip: textSchema()
          .max(64)
          .refine((value) => normalizeAddress(value) !== null, "must be an IPv4 or IPv6 address")
          .transform((value) => normalizeAddress(value)!)
          .optional(),
        last_user_agent: textSchema().max(512).optional(),
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

/** POST /v1/api-keys/bulk-revoke: every key named, or every key of one owner, in one transaction. */
export const MAX_BULK_KEYS = 1000;
const bulkRevokeFields = {
  project_id: idSchema,
  ids: z.array(idSchema).min(1, "give at least one id").max(MAX_BULK_KEYS, `at most ${MAX_BULK_KEYS} ids`).optional(),
  owner_id: ownerIdSchema.optional(),
};
const exactlyOneTarget = (body: { ids?: unknown; owner_id?: unknown }) => (body.ids === undefined) !== (body.owner_id === undefined);
const exactlyOneMessage = { message: "give exactly one of ids or owner_id", path: ["ids"] };
export const bulkRevokeSchema = z.strictObject(bulkRevokeFields).refine(exactlyOneTarget, exactlyOneMessage);
export const bulkRevokeInputSchema = z.strictObject({ ...bulkRevokeFields, ...inApp }).refine(exactlyOneTarget, exactlyOneMessage);
export type BulkRevokeInput = z.output<typeof bulkRevokeSchema>;
export const bulkRevokedSchema = z.object({
  revoked: z
    .array(z.string())
    .describe("The ids of the keys this call revoked; keys already revoked are left as they were and not listed."),
  has_more: z.boolean().describe("By owner_id: more live keys of the owner remain; call again."),
});
export const bulkRevokeActionSchema = z.strictObject({ ...inApp, project_id: idSchema, ids: z.array(idSchema).min(1).max(MAX_BULK_KEYS) });
/** The console's multi-select: disable or enable the selected keys. */
export const bulkSetEnabledActionSchema = bulkRevokeActionSchema.extend({ enabled: z.boolean() });
