import "server-only";
import { keysChanged } from "../../platform/cache/invalidation";
import { db, transaction, type Tx } from "../../platform/db";
import { env } from "../../core/env";
import { DomainError } from "../../core/errors";
import { insertRotation } from "../keys/rotate";
import { DEFAULT_SCHEDULED_GRACE_SECONDS, type PassContext, schedulerScope } from "./context";

// Phase 1: rotate every usable key whose next_rotation_at has passed, once. Each key rotates
// in its own transaction, which claims the key, rotates it through the same code as a manual
// rotation (lib/domain/keys/rotate.ts) and writes the webhook to the outbox. On PostgreSQL the claim
// is `FOR UPDATE SKIP LOCKED`, so concurrent workers share the due keys instead of queueing on
// them. On SQLite the transaction itself holds the database's one write lock. Either way the
// rotation's conditional update lets a single worker win a key, and the loser moves on.

export type RotationEntry = {
  key_id: string;
  project_id: string;
  outcome: "rotated" | "would_rotate" | "skipped";
  new_key_id: string | null;
  grace_expires_at: string | null;
  message_id: string | null;
  reason?: string;
};

function dueWhere(now: Date) {
  // A disabled key is not rotated: its replacement would verify at once.
  return {
    nextRotationAt: { lte: now },
    revokedAt: null,
    replacedByKeyId: null,
    enabled: true,
    OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
  };
}

const policySelect = {
  id: true,
  appId: true,
  projectId: true,
  rotationGracePeriodSeconds: true,
  project: { select: { defaultGracePeriodSeconds: true, app: { select: { teamId: true } } } },
} as const;

function graceSeconds(key: { rotationGracePeriodSeconds: number | null; project: { defaultGracePeriodSeconds: number | null } }): number {
  return key.rotationGracePeriodSeconds ?? key.project.defaultGracePeriodSeconds ?? DEFAULT_SCHEDULED_GRACE_SECONDS;
}

/** Locks and returns the next due key that no other worker holds, or null when none is left. */
async function claimNextDueKey(tx: Tx, now: Date, passed: readonly string[]): Promise<string | null> {
  if (env().DATABASE_PROVIDER === "postgresql") {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "ApiKey"
      WHERE "nextRotationAt" <= ${now} AND "revokedAt" IS NULL AND "replacedByKeyId" IS NULL
        AND ("expiresAt" IS NULL OR "expiresAt" > ${now}) AND NOT ("id" = ANY(${passed}::text[]))
      ORDER BY "nextRotationAt", "id" LIMIT 1
      FOR UPDATE SKIP LOCKED`;
    return rows[0]?.id ?? null;
  }
  const row = await tx.apiKey.findFirst({
    where: { ...dueWhere(now), id: { notIn: [...passed] } },
    orderBy: [{ nextRotationAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return row?.id ?? null;
}

async function previewDueKeys(ctx: PassContext): Promise<RotationEntry[]> {
  const due = await db().apiKey.findMany({
    where: dueWhere(ctx.now),
    orderBy: [{ nextRotationAt: "asc" }, { id: "asc" }],
    take: ctx.limit,
    select: policySelect,
  });
  return due.map((key) => ({
    key_id: key.id,
    project_id: key.projectId,
    outcome: "would_rotate",
    new_key_id: null,
    grace_expires_at: new Date(ctx.now.getTime() + graceSeconds(key) * 1000).toISOString(),
    message_id: null,
  }));
}

export async function rotateDueKeys(ctx: PassContext): Promise<RotationEntry[]> {
  if (ctx.dryRun) return previewDueKeys(ctx);
  const entries: RotationEntry[] = [];
  // Keys this pass already handled or gave up on, so that a key that fails is not retried in a loop.
  const passed: string[] = [];
  while (passed.length < ctx.limit) {
    // Set inside the transaction, which may run more than once: the key of its last run.
    const claim: { key?: { id: string; projectId: string } } = {};
    try {
      const result = await transaction(async (tx) => {
        claim.key = undefined;
        const id = await claimNextDueKey(tx, ctx.now, passed);
        if (!id) return null;
        const key = await tx.apiKey.findUniqueOrThrow({ where: { id }, select: policySelect });
        claim.key = { id, projectId: key.projectId };
        const scope = schedulerScope(key.project.app.teamId, key.appId);
        return insertRotation(tx, scope, id, { now: ctx.now, gracePeriodSeconds: graceSeconds(key), trigger: "scheduled" });
      });
      if (!result) break;
      keysChanged([result.old.keyHash, result.created.keyHash]);
      entries.push({
        key_id: result.old.id,
        project_id: result.old.projectId,
        outcome: "rotated",
        new_key_id: result.created.id,
        grace_expires_at: result.old.graceExpiresAt.toISOString(),
        message_id: result.messageId,
      });
    } catch (error) {
      const current = claim.key;
      if (!current) throw error;
      // Another worker rotated or revoked the key between the claim and the update, or the key
      // itself is broken: either way the transaction rolled back, and the pass moves on.
      const reason =
        error instanceof DomainError
          ? `${error.code}: ${error.message}`
          : `error: ${error instanceof Error ? error.message : String(error)}`;
      entries.push({
        key_id: current.id,
        project_id: current.projectId,
        outcome: "skipped",
        new_key_id: null,
        grace_expires_at: null,
        message_id: null,
        reason,
      });
    }
    if (claim.key) passed.push(claim.key.id);
  }
  return entries;
}
