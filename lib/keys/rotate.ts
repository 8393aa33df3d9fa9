import "server-only";
import type { AppScope } from "../auth/scope";
import { recordAudit } from "../audit/service";
import { announceKeyChange, keysChanged } from "../cache/invalidation";
import { transaction } from "../db";
import { DomainError, notFound } from "../errors";
import { newId } from "../ids";
import type { RotateApiKeyInput } from "./schemas";
import { generateKey, type KeyKind } from "./secret";
import { nextRotationAt } from "./service";
import { keyState } from "./state";

/**
 * Replaces a key with a new one that has the same name, scopes, environment and rotation
 * policy. The old key keeps working until `now + grace_period_seconds` (0 by default: it stops
 * at once). A key with an expiry gets a new one as far ahead as the old key's whole lifetime.
 */
export async function rotateApiKey(scope: AppScope, id: string, input: RotateApiKeyInput) {
  const now = new Date();
  const graceExpiresAt = new Date(now.getTime() + (input.grace_period_seconds ?? 0) * 1000);
  const result = await transaction(async (tx) => {
    const old = await tx.apiKey.findFirst({ where: { id, appId: scope.appId }, include: { environment: true } });
    if (!old) throw notFound("API key");
    const state = keyState(old, now);
    if (state === "revoked") throw new DomainError("key_revoked", "A revoked key cannot be rotated.");
    if (state === "expired") throw new DomainError("key_expired", "An expired key cannot be rotated; create a new key.");
    if (old.replacedByKeyId) throw new DomainError("key_rotated", `This key was already rotated; rotate its replacement ${old.replacedByKeyId}.`);

    const newKeyId = newId("apiKey");
    // The condition makes concurrent rotations of one key race for a single winner.
    const claimed = await tx.apiKey.updateMany({
      where: { id: old.id, appId: scope.appId, revokedAt: null, replacedByKeyId: null },
      data: { replacedByKeyId: newKeyId, graceExpiresAt, nextRotationAt: null },
    });
    if (claimed.count !== 1) throw new DomainError("key_rotated", "This key was rotated by another request.");

    const material = generateKey(old.environment.kind as KeyKind);
    const lifetimeMs = old.expiresAt ? old.expiresAt.getTime() - old.createdAt.getTime() : null;
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
        expiresAt: lifetimeMs === null ? null : new Date(now.getTime() + lifetimeMs),
        createdAt: now,
        rotationIntervalDays: old.rotationIntervalDays,
        nextRotationAt: nextRotationAt(now, old.rotationIntervalDays),
        rotationWebhookUrl: old.rotationWebhookUrl,
        createdBy: scope.actor.id,
      },
    });
    await recordAudit(tx, scope, {
      action: "api_key.rotated",
      target: { type: "api_key", id: old.id },
      metadata: { new_key_id: created.id, new_key_prefix: created.keyPrefix, grace_expires_at: graceExpiresAt.toISOString() },
    });
    await announceKeyChange(tx, [old.keyHash, created.keyHash]);
    return { old: { ...old, replacedByKeyId: newKeyId, graceExpiresAt }, created, plaintext: material.plaintext };
  });
  keysChanged([result.old.keyHash, result.created.keyHash]);
  return result;
}
