import "server-only";
import { announceKeyChange, keysChanged } from "../../platform/cache/invalidation";
import { db, type Prisma, transaction } from "../../platform/db";
import type { ApiKey } from "../../platform/db/models";
import { eventOf, recordToggle } from "../keys/service";
import { switchableWhere } from "../keys/queries";
import { emitKeyEvent, keyEventData } from "../webhooks/endpoints";
import { DAY_MS, type PassContext, schedulerScope } from "./context";

// Phase 4: the stale-key policy. A project with disable_after_unused_days = N has each key that
// has not been used for N days (or, never used, since it was created or last enabled) disabled.
// First comes an api_key.stale_warning, 7 days before (for a policy of N < 14 days, N/2 days before,
// so that a key in use is never warned on every pass; at once when the key is already idle that long,
// for a policy set on old keys), and the key is disabled no sooner than that lead after its warning. Like every notice, each is claimed with a conditional update in the transaction that
// queues it (staleWarningAt for the warning, `enabled` for the disabling), so two workers never
// send one twice. A use clears staleWarningAt (lib/domain/keys/usage.ts): the next idle spell warns again.

export const STALE_WARNING_DAYS = 7;

export type StaleEntry = {
  key_id: string;
  type: "api_key.stale_warning" | "api_key.disabled";
  outcome: "done" | "would_do";
  detail: string;
};

/** Keys of the project idle since at least `cutoff`: not used, created or enabled after it. */
function idleSince(cutoff: Date): Prisma.ApiKeyWhereInput {
  return {
    AND: [
      { OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: cutoff } }] },
      { createdAt: { lte: cutoff } },
      { OR: [{ enabledAt: null }, { enabledAt: { lte: cutoff } }] },
    ],
  };
}

/** Enabled keys that are neither revoked, expired nor replaced: the ones the policy watches. */
function liveWhere(now: Date): Prisma.ApiKeyWhereInput {
  return { AND: [switchableWhere(now), { enabled: true, replacedByKeyId: null }] };
}

/** How long before the disabling the warning goes: 7 days, or half the policy when that is shorter. */
export function warningLeadDays(days: number): number {
  return Math.min(STALE_WARNING_DAYS, Math.floor(days / 2));
}

const idleDays = (key: Pick<ApiKey, "lastUsedAt" | "createdAt" | "enabledAt">, now: Date) => {
  const since = Math.max(key.lastUsedAt?.getTime() ?? 0, key.createdAt.getTime(), key.enabledAt?.getTime() ?? 0);
  return Math.floor((now.getTime() - since) / DAY_MS);
};

/**
 * At most ctx.limit keys a pass, over every project with the policy: the rest waits for the next
 * pass (keys acted on stop being candidates, so each pass makes progress).
 */
export async function applyStalePolicy(ctx: PassContext): Promise<StaleEntry[]> {
  const projects = await db().project.findMany({
    where: { disableAfterUnusedDays: { not: null } },
    select: { id: true, appId: true, disableAfterUnusedDays: true, app: { select: { teamId: true } } },
    orderBy: { id: "asc" },
    take: ctx.limit,
  });
  const entries: StaleEntry[] = [];
  let budget = ctx.limit;
  for (const project of projects) {
    if (budget <= 0) break;
    const days = project.disableAfterUnusedDays!;
    const lead = warningLeadDays(days);
    const scope = schedulerScope(project.app.teamId, project.appId);
    // Conditions are joined with AND, never spread: several of them are AND lists of their own.
    const base: Prisma.ApiKeyWhereInput = { AND: [{ projectId: project.id, appId: project.appId }, liveWhere(ctx.now)] };

    // The warning, once per idle spell.
    const warnCutoff = new Date(ctx.now.getTime() - (days - lead) * DAY_MS);
    const warnWhere: Prisma.ApiKeyWhereInput = { AND: [base, { staleWarningAt: null }, idleSince(warnCutoff)] };
    const toWarn = await db().apiKey.findMany({ where: warnWhere, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: budget });
    budget -= toWarn.length;
    for (const key of toWarn) {
      const idle = idleDays(key, ctx.now);
      const disablesAt = new Date(ctx.now.getTime() + lead * DAY_MS);
      const detail = `unused for ${idle} days; disabled at ${days} days unused, not before ${disablesAt.toISOString()}`;
      if (ctx.dryRun) {
        entries.push({ key_id: key.id, type: "api_key.stale_warning", outcome: "would_do", detail });
        continue;
      }
      const sent = await transaction(async (tx) => {
        // The same conditions again: a use or a revocation committed since the read wins.
        const claimed = await tx.apiKey.updateMany({ where: { AND: [warnWhere, { id: key.id }] }, data: { staleWarningAt: ctx.now } });
        if (claimed.count !== 1) return false;
        await emitKeyEvent(tx, {
          ...eventOf(key, "api_key.stale_warning", ctx.now),
          data: {
            ...keyEventData(key),
            last_used_at: key.lastUsedAt?.toISOString() ?? null,
            unused_days: idle,
            disable_after_unused_days: days,
          },
        });
        return true;
      });
      if (sent) entries.push({ key_id: key.id, type: "api_key.stale_warning", outcome: "done", detail });
    }

    // The disabling: idle N days, and warned at least the lead ago.
    const disableCutoff = new Date(ctx.now.getTime() - days * DAY_MS);
    const warnedBefore = new Date(ctx.now.getTime() - lead * DAY_MS);
    const disableWhere: Prisma.ApiKeyWhereInput = { AND: [base, { staleWarningAt: { lte: warnedBefore } }, idleSince(disableCutoff)] };
    const toDisable = await db().apiKey.findMany({
      where: disableWhere,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: Math.max(budget, 0),
    });
    budget -= toDisable.length;
    for (const key of toDisable) {
      const detail = `unused for ${idleDays(key, ctx.now)} days (policy: ${days})`;
      if (ctx.dryRun) {
        entries.push({ key_id: key.id, type: "api_key.disabled", outcome: "would_do", detail });
        continue;
      }
      const done = await transaction(async (tx) => {
        const data = { enabled: false, disabledAt: ctx.now, disabledReason: "stale" };
        const claimed = await tx.apiKey.updateMany({
          where: { AND: [disableWhere, { id: key.id, staleWarningAt: key.staleWarningAt }] },
          data,
        });
        if (claimed.count !== 1) return false;
        await recordToggle(tx, scope, { ...key, ...data }, ctx.now, "stale");
        await announceKeyChange(tx, [{ kind: "key", keyId: key.id, keyHash: key.keyHash, appId: key.appId, change: "disabled" }]);
        return true;
      });
      if (done) {
        keysChanged([key.keyHash]);
        entries.push({ key_id: key.id, type: "api_key.disabled", outcome: "done", detail });
      }
    }
  }
  return entries;
}
