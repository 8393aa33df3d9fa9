import "server-only";
import type { AppScope } from "../../core/scope";
import { db } from "../../platform/db";
import { assertProject } from "../projects/service";
import { getApiKey } from "./service";
import { keyUsageSchema, projectUsageSchema, USAGE_WINDOWS, type UsageCounts, type UsageWindow } from "./schemas";

const UNIT_MS = { hour: 3_600_000, day: 86_400_000 } as const;
const KEY_OUTCOMES = ["valid", "revoked", "expired", "insufficient_scopes"] as const;

const zero = (): UsageCounts => ({ valid: 0, revoked: 0, expired: 0, insufficient_scopes: 0 });

type UsageFilter = { appId: string; keyId?: string; projectId?: string };

/**
 * Verifications by outcome, in hourly (24 h, 7 d) or daily (30 d) buckets that end with the
 * current one, zeros included, so that a chart needs no gap filling.
 */
async function usageBuckets(filter: UsageFilter, window: UsageWindow, now: Date) {
  const { buckets: count, unit } = USAGE_WINDOWS[window];
  const size = UNIT_MS[unit];
  const last = Math.floor(now.getTime() / size) * size;
  const first = last - (count - 1) * size;
  const rows = await db().verificationCount.groupBy({
    by: ["hour", "outcome"],
    where: { ...filter, hour: { gte: new Date(first) } },
    _sum: { count: true },
  });

  const buckets = Array.from({ length: count }, (_, i) => ({ start: new Date(first + i * size).toISOString(), ...zero() }));
  const totals = zero();
  for (const row of rows) {
    const outcome = KEY_OUTCOMES.find((o) => o === row.outcome);
    const bucket = buckets[Math.floor((row.hour.getTime() - first) / size)];
    const n = row._sum.count ?? 0;
    if (!outcome || !bucket) continue;
    bucket[outcome] += n;
    totals[outcome] += n;
  }
  return { window, granularity: unit, buckets, totals };
}

/** One key's verifications (GET /v1/api-keys/{keyID}/usage and the key page). */
export async function getKeyUsage(scope: AppScope, keyId: string, window: UsageWindow, now = new Date()) {
  const key = await getApiKey(scope, keyId);
  const usage = await usageBuckets({ appId: scope.appId, keyId: key.id }, window, now);
  return keyUsageSchema.parse({ key_id: key.id, ...usage });
}

/** Every key of a project together, deleted keys' past verifications included (the project page). */
export async function getProjectUsage(scope: AppScope, projectId: string, window: UsageWindow, now = new Date()) {
  await assertProject(scope, projectId);
  const usage = await usageBuckets({ appId: scope.appId, projectId }, window, now);
  return projectUsageSchema.parse({ project_id: projectId, ...usage });
}
