import "server-only";
import { z } from "../../core/zod";
import type { AppScope, RequestMeta } from "../../core/scope";
import { textSchema } from "../../core/schemas";
import { hashKey, parseKey } from "../../core/crypto/key-secret";
import { announceKeyChange, keysChanged } from "../../platform/cache/invalidation";
import { db, transaction } from "../../platform/db";
import { recordAudit } from "../audit/service";
import { emitKeyEvent, keyEventData } from "../webhooks/endpoints";
import type { OnLeak } from "../projects/schemas";
import { eventOf, recordToggle, revokeRow } from "./service";
import { switchableWhere } from "./queries";
import { webhookUrlSchema } from "./schemas";

// POST /v1/leaks: anyone who finds Latchkey keys (a scanner, a person, `latchkey scan --report`)
// may report them, without an account. Each string that passes the key checksum and is a live
// project key is acted on by its project's on_leak policy: disable (the default), revoke, or
// notify only. The answer is the same whatever was found, so a report never tells whether a key exists.

export const MAX_REPORTED_KEYS = 100;

export const leakReportSchema = z.strictObject({
  keys: z.array(textSchema().max(512)).min(1, "give at least one key").max(MAX_REPORTED_KEYS, `at most ${MAX_REPORTED_KEYS} keys`),
  source_url: webhookUrlSchema.optional().describe("Where the keys were found."),
});
export type LeakReport = z.output<typeof leakReportSchema>;

export const leakReceivedSchema = z.object({ received: z.int().describe("How many strings the report held, found or not.") });

const LEAK_ACTOR = { type: "system" as const, id: "leak_report" };

/** A key reported again within this is not acted on or announced again: a public leak cannot flood the audit log or the endpoints. */
export const LEAK_REPORT_QUIET_MS = 3_600_000;

/** Acts on every live key the report names; returns how many strings it held. */
export async function reportLeaks(input: LeakReport, request: RequestMeta, now = new Date()): Promise<{ received: number }> {
  const candidates = input.keys
    .map((key) => key.trim())
    .filter((key) => {
      const kind = parseKey(key)?.kind;
      return kind === "live" || kind === "test";
    });
  const hashes = [...new Set(candidates)].map(hashKey);
  if (hashes.length === 0) return { received: input.keys.length };
  const found = await db().apiKey.findMany({
    where: { keyHash: { in: hashes }, revokedAt: null },
    select: { id: true },
  });
  for (const { id } of found) await actOnLeak(id, input.source_url ?? null, request, now);
  return { received: input.keys.length };
}

/**
 * One leaked key, in one transaction: claimed by its leakReportedAt (once an hour, and only while
 * it is still usable, so that a revocation or rotation committed meanwhile wins), then the audit
 * row, the api_key.leaked event and the project's on_leak action.
 */
async function actOnLeak(keyId: string, sourceUrl: string | null, request: RequestMeta, now: Date): Promise<void> {
  const changed = await transaction(async (tx) => {
    const claimed = await tx.apiKey.updateMany({
      where: {
        AND: [
          { id: keyId },
          switchableWhere(now),
          { OR: [{ leakReportedAt: null }, { leakReportedAt: { lte: new Date(now.getTime() - LEAK_REPORT_QUIET_MS) } }] },
        ],
      },
      data: { leakReportedAt: now },
    });
    if (claimed.count !== 1) return null;
    const key = await tx.apiKey.findUniqueOrThrow({
      where: { id: keyId },
      include: { project: { select: { onLeak: true, app: { select: { teamId: true } } } } },
    });
    const scope: AppScope = { teamId: key.project.app.teamId, appId: key.appId, actor: LEAK_ACTOR, request };
    const action = key.project.onLeak as OnLeak;
    await recordAudit(tx, scope, {
      action: "api_key.leaked",
      target: { type: "api_key", id: key.id },
      metadata: { name: key.name, key_prefix: key.keyPrefix, on_leak: action, source_url: sourceUrl },
    });
    await emitKeyEvent(tx, {
      ...eventOf(key, "api_key.leaked", now),
      data: { ...keyEventData(key), on_leak: action, source_url: sourceUrl },
    });
    if (action === "revoke") {
      if (!(await revokeRow(tx, scope, key, now))) return null;
      await announceKeyChange(tx, [{ kind: "key", keyId: key.id, keyHash: key.keyHash, appId: key.appId, change: "revoked" }]);
      return key.keyHash;
    }
    if (action === "disable" && key.enabled) {
      const data = { enabled: false, disabledAt: now, disabledReason: "leaked" };
      await tx.apiKey.update({ where: { id: key.id }, data });
      await recordToggle(tx, scope, { ...key, ...data }, now, "leaked");
      await announceKeyChange(tx, [{ kind: "key", keyId: key.id, keyHash: key.keyHash, appId: key.appId, change: "disabled" }]);
      return key.keyHash;
    }
    return null;
  });
  if (changed) keysChanged([changed]);
}
