import type { ApiKey } from "../../platform/db/models";
import { creditsJson, type KeyCounterRow, parseRateLimits } from "./credits";
import { iso } from "../../core/schemas";
import { keyStatus, type KeyStatus } from "./state";
import { type ApiKeyJson, apiKeySchema, rotatedApiKeySchema } from "./schemas";

export function parseScopes(stored: string): string[] {
  const value: unknown = JSON.parse(stored);
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === "string") : [];
}

/** A stored JSON object (a key's meta), or null. */
export function parseMeta(stored: string | null): Record<string, unknown> | null {
  if (!stored) return null;
  const value: unknown = JSON.parse(stored);
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The documented key object. The output schema drops anything else, the hash included. */
export function toApiKeyJson(row: ApiKey & { credits?: KeyCounterRow | null }): ApiKeyJson {
  return apiKeySchema.parse({
    id: row.id,
    project_id: row.projectId,
    name: row.name,
    key_prefix: row.keyPrefix,
    scopes: parseScopes(row.scopes),
    expires_at: iso(row.expiresAt),
    last_used_at: iso(row.lastUsedAt),
    created_at: iso(row.createdAt),
    revoked_at: iso(row.revokedAt),
    replaced_by_key_id: row.replacedByKeyId,
    grace_expires_at: iso(row.graceExpiresAt),
    environment_id: row.environmentId,
    rotation_interval_days: row.rotationIntervalDays,
    next_rotation_at: iso(row.nextRotationAt),
    rotation_webhook_url: row.rotationWebhookUrl,
    rotation_grace_period_seconds: row.rotationGracePeriodSeconds,
    enabled: row.enabled,
    disabled_at: iso(row.disabledAt),
    disabled_reason: row.enabled ? null : row.disabledReason,
    owner_id: row.ownerId,
    meta: parseMeta(row.meta),
    ip_allowlist: parseScopes(row.ipAllowlist),
    last_used_ip: row.lastUsedIp,
    last_used_user_agent: row.lastUsedUserAgent,
    rate_limits: parseRateLimits(row.rateLimits),
    credits: creditsJson(row.credits ?? null),
    source: row.source,
  });
}

/** The documented rotate response: the new key's plaintext, once, and when the old one stops. */
export function toRotatedApiKeyJson(result: { old: ApiKey; created: ApiKey; plaintext: string }) {
  const { old, created, plaintext } = result;
  return rotatedApiKeySchema.parse({
    old_key_id: old.id,
    new_key_id: created.id,
    project_id: created.projectId,
    name: created.name,
    key: plaintext,
    key_prefix: created.keyPrefix,
    scopes: parseScopes(created.scopes),
    expires_at: iso(created.expiresAt),
    created_at: iso(created.createdAt),
    grace_expires_at: iso(old.graceExpiresAt),
  });
}

export type ConsoleKey = ApiKeyJson & { status: KeyStatus };

/** The key object the console shows: the documented fields and its status now. */
export function toConsoleKey(row: ApiKey, now = new Date()): ConsoleKey {
  return { ...toApiKeyJson(row), status: keyStatus(row, now) };
}
