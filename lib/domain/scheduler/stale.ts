import "server-only";
import { announceKeyChange, keysChanged } from "../../platform/cache/invalidation";
import { db, type Prisma, transaction } from "../../platform/db";
import type { ApiKey } from "../../platform/db/models";
import { eventOf, recordToggle } from "../keys/service";
import { emitKeyEvent, keyEventData } from "../webhooks/endpoints";
import { DAY_MS, type PassContext, schedulerScope } from "./context";

// Phase 4: the stale-key policy. A project with disable_after_unused_days = N has each key that
// has not been used for N days (or, never used, since it was created or last enabled) disabled.
// First comes an api_key.stale_warning, 7 days before (at once when the key is already idle that
// long, for a policy set on old keys), and the key is disabled no sooner than 7 days after its
// warning. Like every notice, each is claimed with a conditional update in the transaction that
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

function liveWhere(now: Date): Prisma.ApiKeyWhereInput {
  return { enabled: true, revokedAt: null, replacedByKeyId: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

const idleDays = (key: Pick<ApiKey, "lastUsedAt" | "createdAt" | "enabledAt">, now: Date) => {
  const since = Math.max(key.lastUsedAt?.getTime() ?? 0, key.createdAt.getTime(), key.enabledAt?.getTime() ?? 0);
  return Math.floor((now.getTime() - since) / DAY_MS);
};

export async function applyStalePolicy(ctx: PassContext): Promise<StaleEntry[]> {
  const projects = await db().project.findMany({
    where: { disableAfterUnusedDays: { not: null } },
    select: { id: true, appId: true, disableAfterUnusedDays: true, app: { select: { teamId: true } } },
    orderBy: { id: "asc" },
  });
  const entries: StaleEntry[] = [];
  for (const project of projects) {
    const days = project.disableAfterUnusedDays!;
    const scope = schedulerScope(project.app.teamId, project.appId);
    const base = { projectId: project.id, appId: project.appId, ...liveWhere(ctx.now) };

    // The warning, once per idle spell.
    const warnCutoff = new Date(ctx.now.getTime() - Math.max(days - STALE_WARNING_DAYS, 0) * DAY_MS);
    const toWarn = await db().apiKey.findMany({
      where: { ...base, staleWarningAt: null, ...idleSince(warnCutoff) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: ctx.limit,
    });
    for (const key of toWarn) {
      const idle = idleDays(key, ctx.now);
      const disablesAt = new Date(ctx.now.getTime() + Math.min(STALE_WARNING_DAYS, days) * DAY_MS);
      const detail = `unused for ${idle} days; disabled at ${days} days unused, not before ${disablesAt.toISOString()}`;
      if (ctx.dryRun) {
        entries.push({ key_id: key.id, type: "api_key.stale_warning", outcome: "would_do", detail });
        continue;
      }
      const sent = await transaction(async (tx) => {
        const claimed = await tx.apiKey.updateMany({
          where: { id: key.id, staleWarningAt: null, enabled: true },
          data: { staleWarningAt: ctx.now },
        });
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

    // The disabling: idle N days, and warned at least 7 days (or N, if less) ago.
    const disableCutoff = new Date(ctx.now.getTime() - days * DAY_MS);
    const warnedBefore = new Date(ctx.now.getTime() - Math.min(STALE_WARNING_DAYS, days) * DAY_MS);
    const toDisable = await db().apiKey.findMany({
      where: { ...base, staleWarningAt: { lte: warnedBefore }, ...idleSince(disableCutoff) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: ctx.limit,
    });
    for (const key of toDisable) {
      const detail = `unused for ${idleDays(key, ctx.now)} days (policy: ${days})`;
      if (ctx.dryRun) {
        entries.push({ key_id: key.id, type: "api_key.disabled", outcome: "would_do", detail });
        continue;
      }
      const done = await transaction(async (tx) => {
        const data = { enabled: false, disabledAt: ctx.now, disabledReason: "stale" };
        const claimed = await tx.apiKey.updateMany({ where: { id: key.id, enabled: true, staleWarningAt: key.staleWarningAt }, data });
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
