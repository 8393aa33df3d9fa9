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
import { keyState } from "./state";
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

/** Acts on every live key the report names; returns how many strings it held. */
export async function reportLeaks(input: LeakReport, request: RequestMeta, now = new Date()): Promise<{ received: number }> {
  const hashes = [
    ...new Set(input.keys.map((key) => key.trim()).filter((key) => parseKey(key)?.kind === "live" || parseKey(key)?.kind === "test")),
  ].map(hashKey);
  if (hashes.length === 0) return { received: input.keys.length };
  const found = await db().apiKey.findMany({
    where: { keyHash: { in: hashes }, revokedAt: null },
    include: { project: { select: { onLeak: true, app: { select: { teamId: true } } } } },
  });
  for (const key of found) {
    const state = keyState(key, now);
    if (state === "revoked" || state === "expired" || state === "rotated") continue;
    const scope: AppScope = { teamId: key.project.app.teamId, appId: key.appId, actor: LEAK_ACTOR, request };
    const action = key.project.onLeak as OnLeak;
    const changed = await transaction(async (tx) => {
      await recordAudit(tx, scope, {
        action: "api_key.leaked",
        target: { type: "api_key", id: key.id },
        metadata: { name: key.name, key_prefix: key.keyPrefix, on_leak: action, source_url: input.source_url ?? null },
      });
      await emitKeyEvent(tx, {
        ...eventOf(key, "api_key.leaked", now),
        data: { ...keyEventData(key), on_leak: action, source_url: input.source_url ?? null },
      });
      if (action === "revoke") {
        if (!(await revokeRow(tx, scope, key, now))) return false;
        await announceKeyChange(tx, [{ kind: "key", keyId: key.id, keyHash: key.keyHash, appId: key.appId, change: "revoked" }]);
        return true;
      }
      if (action === "disable" && key.enabled) {
        const data = { enabled: false, disabledAt: now, disabledReason: "leaked" };
        const { count } = await tx.apiKey.updateMany({ where: { id: key.id, enabled: true }, data });
        if (count !== 1) return false;
        await recordToggle(tx, scope, { ...key, ...data }, now, "leaked");
        await announceKeyChange(tx, [{ kind: "key", keyId: key.id, keyHash: key.keyHash, appId: key.appId, change: "disabled" }]);
        return true;
      }
      return false;
    });
    if (changed) keysChanged([key.keyHash]);
  }
  return { received: input.keys.length };
}
