import { z } from "../../core/zod";
import { gracePeriodSecondsSchema, idSchema, nameSchema, rotationIntervalDaysSchema, textSchema } from "../../core/schemas";

// Console operations on projects. The app comes from the URL and is checked against the
// caller's team before any of these run.

export const createProjectSchema = z.strictObject({ app_id: idSchema, name: nameSchema });
export const renameProjectSchema = z.strictObject({ app_id: idSchema, project_id: idSchema, name: nameSchema });
/** Deleting a project deletes its keys: the caller types the project's name to confirm. */
export const deleteProjectSchema = z.strictObject({ app_id: idSchema, project_id: idSchema, confirm_name: textSchema().max(200) });

export const ON_LEAK = ["disable", "revoke", "notify"] as const;
export type OnLeak = (typeof ON_LEAK)[number];

// A project's key policy (lib/domain/projects/policy.ts enforces it): defaults for new keys and
// limits that every key must keep. null clears a setting; an absent field stays as it is.
export const keyPolicySchema = z.object({
  project_id: z.string(),
  default_rotation_interval_days: z.int().nullable().describe("The rotation interval new keys get when they do not ask for one."),
  default_grace_period_seconds: z
    .int()
    .nullable()
    .describe("How long an old key keeps working when the scheduler rotates it, unless the key sets its own."),
  max_key_lifetime_days: z.int().nullable().describe("Keys must expire within this many days of their creation."),
  disable_after_unused_days: z
    .int()
    .nullable()
    .describe(
      "The scheduler disables a key unused this many days (or, never used, since it was created or last enabled), after an api_key.stale_warning 7 days before.",
    ),
  on_leak: z.enum(ON_LEAK).describe("What POST /v1/leaks does to a leaked key of this project: disable it, revoke it, or only notify."),
  environments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      require_expiry: z.boolean().describe("Every key created in this environment must have an expiry."),
    }),
  ),
});
export type KeyPolicyJson = z.infer<typeof keyPolicySchema>;

export const updateKeyPolicySchema = z
  .strictObject({
    default_rotation_interval_days: rotationIntervalDaysSchema.nullable().optional(),
    default_grace_period_seconds: gracePeriodSecondsSchema.nullable().optional(),
    max_key_lifetime_days: z
      .int("must be a whole number of days")
      .min(1, "must be from 1 to 3650 days")
      .max(3650, "must be from 1 to 3650 days")
      .nullable()
      .optional(),
    disable_after_unused_days: z
      .int("must be a whole number of days")
      .min(1, "must be from 1 to 3650 days")
      .max(3650, "must be from 1 to 3650 days")
      .nullable()
      .optional(),
    on_leak: z.enum(ON_LEAK).optional(),
    environments: z
      .array(z.strictObject({ id: idSchema, require_expiry: z.boolean() }))
      .max(50)
      .refine((list) => new Set(list.map((e) => e.id)).size === list.length, "names an environment twice")
      .optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "give at least one field to change");
export type UpdateKeyPolicyInput = z.output<typeof updateKeyPolicySchema>;

export const projectRefSchema = z.strictObject({ app_id: idSchema, project_id: idSchema });
export const updateKeyPolicyActionSchema = projectRefSchema.extend({ changes: updateKeyPolicySchema });
