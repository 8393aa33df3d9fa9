import "server-only";
import type { AppScope } from "../auth/scope";
import { db } from "../db";
import { getApiKey } from "./service";
import { keyUsageSchema, USAGE_WINDOWS, type UsageCounts, type UsageWindow } from "./schemas";

const UNIT_MS = { hour: 3_600_000, day: 86_400_000 } as const;
const KEY_OUTCOMES = ["valid", "revoked", "expired", "insufficient_scopes"] as const;

const zero = (): UsageCounts => ({ valid: 0, revoked: 0, expired: 0, insufficient_scopes: 0 });

/**
 * Verifications of one key by outcome, in hourly (24 h, 7 d) or daily (30 d) buckets that end
 * with the current one, zeros included, so that a chart needs no gap filling.
 */
export async function getKeyUsage(scope: AppScope, keyId: string, window: UsageWindow, now = new Date()) {
  const key = await getApiKey(scope, keyId);
  const { buckets: count, unit } = USAGE_WINDOWS[window];
  const size = UNIT_MS[unit];
  const last = Math.floor(now.getTime() / size) * size;
  const first = last - (count - 1) * size;
  const rows = await db().verificationCount.findMany({
    where: { appId: scope.appId, keyId: key.id, hour: { gte: new Date(first) } },
    select: { hour: true, outcome: true, count: true },
  });

  const buckets = Array.from({ length: count }, (_, i) => ({ start: new Date(first + i * size).toISOString(), ...zero() }));
  const totals = zero();
  for (const row of rows) {
    const outcome = KEY_OUTCOMES.find((o) => o === row.outcome);
    const bucket = buckets[Math.floor((row.hour.getTime() - first) / size)];
    if (!outcome || !bucket) continue;
    bucket[outcome] += row.count;
    totals[outcome] += row.count;
  }
  return keyUsageSchema.parse({ key_id: key.id, window, granularity: unit, buckets, totals });
}
