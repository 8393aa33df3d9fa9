import "server-only";
import type { AppScope } from "../../core/scope";
import { db, inChunks } from "../../platform/db";
import { assertProject } from "../projects/service";
import { getApiKey } from "./service";
import { invalidField } from "../../core/errors";
import { writeUsage } from "./usage";
import { UsageBuffer } from "./usage-buffer";
import type { ReportUsageInput } from "./schemas";
import { keyUsageSchema, projectUsageSchema, USAGE_WINDOWS, type UsageCounts, type UsageWindow } from "./schemas";

const UNIT_MS = { hour: 3_600_000, day: 86_400_000 } as const;
// The SDK reports only what its cache answered, and it never answers for a key with limits or credits.
const REPORTED_OUTCOMES = ["valid", "revoked", "expired", "disabled", "forbidden", "insufficient_scopes"] as const;
const KEY_OUTCOMES = [
  "valid",
  "revoked",
  "expired",
  "disabled",
  "forbidden",
  "insufficient_scopes",
  "rate_limited",
  "usage_exceeded",
] as const;

const zero = (): UsageCounts => Object.fromEntries(KEY_OUTCOMES.map((outcome) => [outcome, 0])) as UsageCounts;

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

/** How far back a reported verification may lie: the SDK reports every few seconds, and a day covers an outage. */
const REPORT_WINDOW_MS = 86_400_000;
/** And how far ahead, for clocks that run a little fast. */
const REPORT_SKEW_MS = 60_000;

/**
 * Counts the verifications an SDK answered from its cache (lib/../sdk): each key's outcomes in the
 * hour of its last verification, and its last_used_at when any was valid. Keys of another app,
 * or none, are not counted and are named back; times outside the last day are refused.
 */
export async function reportKeyUsage(scope: AppScope, input: ReportUsageInput, now = new Date()) {
  input.keys.forEach((entry, i) => {
    const at = entry.last_verified_at.getTime();
    if (at > now.getTime() + REPORT_SKEW_MS || at < now.getTime() - REPORT_WINDOW_MS)
      throw invalidField(`keys.${i}.last_verified_at`, "must lie within the last day");
  });
  const ids = [...new Set(input.keys.map((entry) => entry.key_id))];
  const found = await inChunks(ids, (chunk) =>
    db().apiKey.findMany({ where: { id: { in: chunk }, appId: scope.appId }, select: { id: true, projectId: true } }),
  );
  const projectOf = new Map(found.map((key) => [key.id, key.projectId]));
  const buffer = new UsageBuffer(writeUsage);
  let accepted = 0;
  for (const entry of input.keys) {
    const projectId = projectOf.get(entry.key_id);
    if (!projectId) continue;
    accepted++;
    for (const outcome of REPORTED_OUTCOMES) {
      if (entry[outcome] > 0)
        buffer.countVerification(scope.appId, projectId, entry.key_id, outcome, entry.last_verified_at, entry[outcome]);
    }
    if (entry.valid > 0) buffer.touchApiKey(entry.key_id, entry.last_verified_at, entry.last_ip ?? null, entry.last_user_agent ?? null);
  }
  await buffer.flush();
  return { accepted, unknown_key_ids: ids.filter((id) => !projectOf.has(id)) };
}
