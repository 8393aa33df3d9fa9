import "server-only";
import type { AppScope } from "../../core/scope";
import { recordAudit } from "../audit/service";
import { db, type Prisma, transaction } from "../../platform/db";
import type { Environment, Project } from "../../platform/db/models";
import { invalidField, notFound } from "../../core/errors";
import { keyPolicySchema, type KeyPolicyJson, type UpdateKeyPolicyInput } from "./schemas";
import { KEY_POLICY_SELECT } from "./policy";

// Reading and changing a project's key policy (enforced by lib/domain/projects/policy.ts). A change
// applies to keys created or rotated afterwards: existing keys keep their expiry and interval.

type PolicyRow = Pick<
  Project,
  "id" | "defaultRotationIntervalDays" | "defaultGracePeriodSeconds" | "maxKeyLifetimeDays" | "disableAfterUnusedDays" | "onLeak"
> & {
  environments: Pick<Environment, "id" | "name" | "requireExpiry">[];
};

const POLICY_ROW_SELECT = {
  id: true,
  ...KEY_POLICY_SELECT,
  disableAfterUnusedDays: true,
  onLeak: true,
  // Live environments first, then by age, as everywhere else.
  environments: {
    select: { id: true, name: true, requireExpiry: true },
    orderBy: [{ kind: "asc" }, { createdAt: "asc" }, { name: "asc" }],
  },
} satisfies Prisma.ProjectSelect;

export function toKeyPolicyJson(row: PolicyRow): KeyPolicyJson {
  return keyPolicySchema.parse({
    project_id: row.id,
    default_rotation_interval_days: row.defaultRotationIntervalDays,
    default_grace_period_seconds: row.defaultGracePeriodSeconds,
    max_key_lifetime_days: row.maxKeyLifetimeDays,
    disable_after_unused_days: row.disableAfterUnusedDays,
    on_leak: row.onLeak,
    environments: row.environments.map((e) => ({ id: e.id, name: e.name, require_expiry: e.requireExpiry })),
  });
}

export async function getKeyPolicy(scope: AppScope, projectId: string): Promise<KeyPolicyJson> {
  const row = await db().project.findFirst({ where: { id: projectId, appId: scope.appId }, select: POLICY_ROW_SELECT });
  if (!row) throw notFound("Project");
  return toKeyPolicyJson(row);
}

/** Changes the given settings (null clears one), with the before and after in the audit trail. */
export async function updateKeyPolicy(scope: AppScope, projectId: string, input: UpdateKeyPolicyInput): Promise<KeyPolicyJson> {
  return transaction(async (tx) => {
    const before = await tx.project.findFirst({ where: { id: projectId, appId: scope.appId }, select: POLICY_ROW_SELECT });
    if (!before) throw notFound("Project");
    const known = new Set(before.environments.map((e) => e.id));
    input.environments?.forEach((e, i) => {
      if (!known.has(e.id)) throw invalidField(`environments.${i}.id`, "is not an environment of this project");
    });

    await tx.project.update({
      where: { id: before.id, appId: scope.appId },
      data: {
        defaultRotationIntervalDays: input.default_rotation_interval_days,
        defaultGracePeriodSeconds: input.default_grace_period_seconds,
        maxKeyLifetimeDays: input.max_key_lifetime_days,
        disableAfterUnusedDays: input.disable_after_unused_days,
        onLeak: input.on_leak,
      },
    });
    for (const e of input.environments ?? []) {
      await tx.environment.updateMany({ where: { id: e.id, projectId: before.id }, data: { requireExpiry: e.require_expiry } });
    }
    const after = await tx.project.findFirstOrThrow({ where: { id: before.id, appId: scope.appId }, select: POLICY_ROW_SELECT });
    const [beforeJson, afterJson] = [toKeyPolicyJson(before), toKeyPolicyJson(after)];
    await recordAudit(tx, scope, {
      action: "project.key_policy_updated",
      target: { type: "project", id: before.id },
      metadata: { before: beforeJson, after: afterJson, changed: Object.keys(input) },
    });
    return afterJson;
  });
}
