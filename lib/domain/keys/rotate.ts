import "server-only";
import type { AppScope } from "../../core/scope";
import { recordAudit } from "../audit/service";
import { announceKeyChange, keysChanged } from "../../platform/cache/invalidation";
import { transaction, type Tx } from "../../platform/db";
import { DomainError, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { KEY_POLICY_SELECT, replacementExpiresAt } from "../projects/policy";
import { enqueueWebhook } from "../webhooks/outbox";
import { emitKeyEvent, keyEventData } from "../webhooks/endpoints";
import type { RotateApiKeyInput } from "./schemas";
import { generateKey, type KeyKind } from "../../core/crypto/key-secret";
import { parseScopes } from "./serialize";
import { nextRotationAt } from "./service";
import { keyState } from "./state";

export type RotationOptions = {
  now: Date;
  gracePeriodSeconds: number;
  /** Who asked: a person or app key through the API and console, or the scheduler. */
  trigger: "manual" | "scheduled";
};

/**
 * Replaces a key with a new one that has the same name, scopes, environment, owner, meta, IP allow-list and rotation
 * policy, inside the caller's transaction. The old key keeps working until
 * `now + gracePeriodSeconds`. The new key keeps the old one's expiry, within the project's maximum
 * key lifetime (replacementExpiresAt). When the key has a webhook URL, the `api_key.rotated` message (with the new
 * plaintext, sealed) joins the outbox in the same transaction. The caller calls keysChanged()
 * with both hashes once the transaction has committed.
 */
export async function insertRotation(tx: Tx, scope: AppScope, id: string, options: RotationOptions) {
  const { now } = options;
  const graceExpiresAt = new Date(now.getTime() + options.gracePeriodSeconds * 1000);
  const old = await tx.apiKey.findFirst({
    where: { id, appId: scope.appId },
    include: { environment: true, project: { select: KEY_POLICY_SELECT } },
  });
  if (!old) throw notFound("API key");
  const state = keyState(old, now);
  if (state === "revoked") throw new DomainError("key_revoked", "A revoked key cannot be rotated.");
  if (state === "expired") throw new DomainError("key_expired", "An expired key cannot be rotated; create a new key.");
  if (old.replacedByKeyId)
    throw new DomainError("key_rotated", `This key was already rotated; rotate its replacement ${old.replacedByKeyId}.`);
  if (state === "disabled") throw new DomainError("key_disabled", "A disabled key cannot be rotated; enable it first.");

  const newKeyId = newId("apiKey");
  // The condition makes concurrent rotations of one key race for a single winner.
  const claimed = await tx.apiKey.updateMany({
    where: { id: old.id, appId: scope.appId, revokedAt: null, replacedByKeyId: null, enabled: true },
    // Without a grace period there is no grace to announce the end of.
    data: {
      replacedByKeyId: newKeyId,
      graceExpiresAt,
      nextRotationAt: null,
      graceEndedNoticeAt: options.gracePeriodSeconds === 0 ? now : undefined,
    },
  });
  if (claimed.count !== 1) throw new DomainError("key_rotated", "This key was rotated by another request.");

  const material = generateKey(old.environment.kind as KeyKind);
  const created = await tx.apiKey.create({
    data: {
      id: newKeyId,
      appId: old.appId,
      projectId: old.projectId,
      environmentId: old.environmentId,
      name: old.name,
      keyPrefix: material.prefix,
      keyHash: material.hash,
      scopes: old.scopes,
      expiresAt: replacementExpiresAt(old.project, old, now),
      createdAt: now,
      rotationIntervalDays: old.rotationIntervalDays,
      nextRotationAt: nextRotationAt(now, old.rotationIntervalDays),
      rotationWebhookUrl: old.rotationWebhookUrl,
      rotationGracePeriodSeconds: old.rotationGracePeriodSeconds,
      ownerId: old.ownerId,
      meta: old.meta,
      ipAllowlist: old.ipAllowlist,
      // The new key shares the old key's rate-limit windows and credits.
      rateLimits: old.rateLimits,
      counterId: old.counterId ?? old.id,
      createdBy: scope.actor.id,
    },
  });
  await recordAudit(tx, scope, {
    action: "api_key.rotated",
    target: { type: "api_key", id: old.id },
    metadata: {
      new_key_id: created.id,
      new_key_prefix: created.keyPrefix,
      grace_expires_at: graceExpiresAt.toISOString(),
      trigger: options.trigger,
    },
  });
  await announceKeyChange(tx, [
    { kind: "key", keyId: old.id, keyHash: old.keyHash, appId: old.appId, change: "rotated" },
    { kind: "key", keyId: created.id, keyHash: created.keyHash, appId: created.appId, change: "created" },
  ]);

  // The project's endpoints hear of it too, without the new key: only the key's own URL receives that.
  await emitKeyEvent(tx, {
    appId: old.appId,
    projectId: old.projectId,
    keyId: old.id,
    type: "api_key.rotated",
    now,
    data: {
      ...keyEventData(old),
      old_key_id: old.id,
      new_key_id: created.id,
      new_key_prefix: created.keyPrefix,
      grace_expires_at: graceExpiresAt.toISOString(),
      trigger: options.trigger,
    },
  });

  const messageId = old.rotationWebhookUrl
    ? await enqueueWebhook(tx, {
        appId: old.appId,
        projectId: old.projectId,
        keyId: old.id,
        url: old.rotationWebhookUrl,
        type: "api_key.rotated",
        now,
        data: {
          project_id: created.projectId,
          environment_id: created.environmentId,
          old_key_id: old.id,
          new_key_id: created.id,
          name: created.name,
          key_prefix: created.keyPrefix,
          scopes: parseScopes(created.scopes),
          expires_at: created.expiresAt?.toISOString() ?? null,
          grace_expires_at: graceExpiresAt.toISOString(),
          trigger: options.trigger,
        },
        // The new key travels only while the old one still works: after that it is wiped.
        heldKey: { plaintext: material.plaintext, until: graceExpiresAt },
      })
    : null;
  return { old: { ...old, replacedByKeyId: newKeyId, graceExpiresAt }, created, plaintext: material.plaintext, messageId };
}

/** Rotates a key on request (API, console). The old key keeps working for the grace period (0 by default). */
export async function rotateApiKey(scope: AppScope, id: string, input: RotateApiKeyInput) {
  const options: RotationOptions = { now: new Date(), gracePeriodSeconds: input.grace_period_seconds ?? 0, trigger: "manual" };
  const result = await transaction((tx) => insertRotation(tx, scope, id, options));
  keysChanged([result.old.keyHash, result.created.keyHash]);
  return result;
}
