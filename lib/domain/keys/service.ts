import { type Page, type PageQuery, pageOf, pageOrder, pageStart, readAfter } from "../../core/pagination";
import "server-only";
import type { AppScope } from "../../core/scope";
import { recordAudit } from "../audit/service";
import { announceKeyChange, keysChanged } from "../../platform/cache/invalidation";
import { db, inChunks, transaction, type Tx } from "../../platform/db";
import type { ApiKey } from "../../platform/db/models";
import { DomainError, invalidField, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { assertExpiryAllowed, KEY_POLICY_SELECT, rotationIntervalFor } from "../projects/policy";
import { assertProject, getProject } from "../projects/service";
import { iso } from "../../core/schemas";
import { enqueueWebhook } from "../webhooks/outbox";
import { emitKeyEvent, keyEventData, loadEndpoints, type ProjectEndpoints } from "../webhooks/endpoints";
import { checkWebhookUrl, targetPolicy } from "../webhooks/url-guard";
import { type BulkRevokeInput, type CreateApiKeyInput, MAX_BULK_KEYS, type UpdateApiKeyInput } from "./schemas";
import { generateKey, type KeyKind } from "../../core/crypto/key-secret";
import { parseScopes } from "./serialize";
import { isSwitchable, keyState } from "./state";
import { switchableWhere } from "./queries";
import { forgetCredits, type KeyWithCredits, parseRateLimits, withCredits, withCreditsOne, writeCredits } from "./credits";

// Project keys (seed 001): create, list, get, update and revoke. Rotation lives in rotate.ts
// and verification in verify.ts. Every query carries the caller's appId.

const DAY_MS = 86_400_000;

export function nextRotationAt(from: Date, intervalDays: number | null | undefined): Date | null {
  return intervalDays ? new Date(from.getTime() + intervalDays * DAY_MS) : null;
}

function assertFuture(field: string, value: Date | null | undefined, now: Date): void {
  if (value && value <= now) throw invalidField(field, "must be in the future");
}

/**
 * A webhook URL must pass this server's target policy when it is entered, not only when a
 * delivery is tried: in production http://localhost or a private address is refused here.
 * (Names are resolved at delivery, where the address connected to is the address checked.)
 */
function assertWebhookTarget(url: string | null | undefined): void {
  if (!url) return;
  const verdict = checkWebhookUrl(url, targetPolicy());
  if (!verdict.ok) throw invalidField("rotation_webhook_url", verdict.reason);
}

export async function createApiKey(scope: AppScope, input: CreateApiKeyInput) {
  const now = new Date();
  assertFuture("expires_at", input.expires_at, now);
  assertWebhookTarget(input.rotation_webhook_url);
  const project = await getProject(scope, input.project_id);
  const environment = input.environment_id
    ? project.environments.find((e) => e.id === input.environment_id)
    : project.environments.find((e) => e.kind === "live");
  if (!environment) throw invalidField("environment_id", "is not an environment of this project");
  assertExpiryAllowed(project, environment, input.expires_at ?? null, now);
  const interval = rotationIntervalFor(project, input.rotation_interval_days);

  const material = generateKey(environment.kind as KeyKind);
  const id = newId("apiKey");
  const created = await transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        id,
        // A key with credits names its counter; others have none to look up (lib/domain/keys/credits.ts).
        counterId: input.credits ? id : null,
        appId: scope.appId,
        projectId: project.id,
        environmentId: environment.id,
        name: input.name,
        keyPrefix: material.prefix,
        keyHash: material.hash,
        scopes: JSON.stringify(input.scopes ?? []),
        expiresAt: input.expires_at ?? null,
        createdAt: now,
        rotationIntervalDays: interval,
        nextRotationAt: nextRotationAt(now, interval),
        rotationWebhookUrl: input.rotation_webhook_url ?? null,
        rotationGracePeriodSeconds: input.rotation_grace_period_seconds ?? null,
        createdBy: scope.actor.id,
        ...lifecycleData(input, now),
      },
    });
    if (input.credits) await writeCredits(tx, row, input.credits, now);
    await recordAudit(tx, scope, {
      action: "api_key.created",
      target: { type: "api_key", id: row.id },
      metadata: {
        name: row.name,
        project_id: row.projectId,
        environment_id: row.environmentId,
        key_prefix: row.keyPrefix,
        scopes: input.scopes ?? [],
        enabled: row.enabled,
        owner_id: row.ownerId,
        ip_allowlist: input.ip_allowlist ?? [],
        rate_limits: input.rate_limits ?? [],
        credits: input.credits ?? null,
      },
    });
    await emitKeyEvent(tx, {
      ...eventOf(row, "api_key.created", now),
      data: { ...keyEventData(row), scopes: input.scopes ?? [], expires_at: iso(row.expiresAt), enabled: row.enabled },
    });
    return { row, plaintext: material.plaintext };
  });
  // A miss for this hash may be cached, however unlikely: forget it.
  keysChanged([material.hash]);
  return { ...created, row: await withCreditsOne(created.row) };
}

type LifecycleInput = Pick<CreateApiKeyInput, "enabled" | "owner_id" | "meta" | "ip_allowlist" | "rate_limits">;

/** The columns of the lifecycle fields a create or an update gives (undefined: leave as it is). */
function lifecycleData(input: LifecycleInput, now: Date, before?: Pick<ApiKey, "enabled">) {
  const toggled = input.enabled !== undefined && input.enabled !== (before?.enabled ?? true);
  return {
    ownerId: input.owner_id,
    meta: input.meta === undefined ? undefined : input.meta === null ? null : JSON.stringify(input.meta),
    ipAllowlist: input.ip_allowlist === undefined ? undefined : JSON.stringify(input.ip_allowlist),
    rateLimits: input.rate_limits === undefined ? undefined : JSON.stringify(input.rate_limits),
    ...(toggled
      ? input.enabled
        ? { enabled: true, disabledAt: null, disabledReason: null, enabledAt: now, staleWarningAt: null }
        : { enabled: false, disabledAt: now, disabledReason: "manual" }
      : {}),
  };
}

/** One page of a project's keys, oldest first (lib/core/pagination.ts), of one owner when `ownerId` is given. */
export async function listApiKeys(
  scope: AppScope,
  projectId: string,
  query: PageQuery & { owner_id?: string },
): Promise<Page<KeyWithCredits>> {
  const where = { projectId, appId: scope.appId, ...(query.owner_id === undefined ? {} : { ownerId: query.owner_id }) };
  // A starting_after that is not a key of the list is refused, but another app's project is not found first.
  const start = await pageStart(
    query,
    async (id) =>
      (await db().apiKey.findFirst({ where: { ...where, id }, select: { id: true, createdAt: true } })) ??
      (await assertProject(scope, projectId), null),
  );
  const rows = await readAfter(
    (after, take) => db().apiKey.findMany({ where: { AND: [where, after] }, orderBy: [...pageOrder("asc")], take }),
    start,
    "asc",
    query.limit + 1,
  );
  // Rows of the caller's app prove the project is theirs; only an empty page needs asking (one query, not two).
  if (rows.length === 0) await assertProject(scope, projectId);
  const page = pageOf(rows, query.limit, (row) => row);
  return { ...page, items: await withCredits(page.items) };
}

export async function getApiKey(scope: AppScope, id: string): Promise<KeyWithCredits> {
  const row = await db().apiKey.findFirst({ where: { id, appId: scope.appId } });
  if (!row) throw notFound("API key");
  return withCreditsOne(row);
}

function auditView(row: ApiKey) {
  return {
    name: row.name,
    owner_id: row.ownerId,
    ip_allowlist: parseScopes(row.ipAllowlist),
    scopes: parseScopes(row.scopes),
    expires_at: iso(row.expiresAt),
    rotation_interval_days: row.rotationIntervalDays,
    rotation_webhook_url: row.rotationWebhookUrl,
    rotation_grace_period_seconds: row.rotationGracePeriodSeconds,
    rate_limits: parseRateLimits(row.rateLimits),
  };
}

export async function updateApiKey(scope: AppScope, id: string, input: UpdateApiKeyInput): Promise<KeyWithCredits> {
  const now = new Date();
  assertFuture("expires_at", input.expires_at, now);
  assertWebhookTarget(input.rotation_webhook_url);
  const updated = await transaction(async (tx) => {
    const before = await tx.apiKey.findFirst({
      where: { id, appId: scope.appId },
      include: { project: { select: KEY_POLICY_SELECT }, environment: true },
    });
    if (!before) throw notFound("API key");
    const state = keyState(before, now);
    if (state === "revoked") throw new DomainError("key_revoked", "This key is revoked and can no longer be changed.");
    if (state === "rotated")
      throw new DomainError("key_rotated", "This key was rotated and can no longer be changed; change its replacement.");
    if (state === "expired" && input.enabled !== undefined && input.enabled !== before.enabled)
      throw new DomainError("key_expired", "An expired key cannot be disabled or enabled; create a new key.");
    if (input.expires_at !== undefined) assertExpiryAllowed(before.project, before.environment, input.expires_at, before.createdAt);

    const interval = input.rotation_interval_days === undefined ? before.rotationIntervalDays : input.rotation_interval_days;
    const row = await tx.apiKey.update({
      where: { id: before.id, appId: scope.appId },
      data: {
        name: input.name,
        scopes: input.scopes === undefined ? undefined : JSON.stringify(input.scopes),
        expiresAt: input.expires_at,
        rotationIntervalDays: input.rotation_interval_days,
        rotationWebhookUrl: input.rotation_webhook_url,
        rotationGracePeriodSeconds: input.rotation_grace_period_seconds,
        // The schedule counts from the key's creation, which for a rotated-in key is its rotation.
        nextRotationAt:
          input.rotation_interval_days === undefined || before.replacedByKeyId ? undefined : nextRotationAt(before.createdAt, interval),
        // A new expiry gets its own api_key.expiring notices.
        ...(input.expires_at === undefined ? {} : { expiryNotice7dAt: null, expiryNotice1dAt: null }),
        ...(input.credits ? { counterId: before.counterId ?? before.id } : {}),
        ...lifecycleData(input, now, before),
      },
    });
    // Turning a key off or on is its own event; the other fields changed, if any, are an update.
    const toggled = row.enabled !== before.enabled;
    const changed = Object.keys(input).filter((field) => field !== "enabled" || !toggled);
    if (changed.length > 0 && !(changed.length === 1 && changed[0] === "enabled")) {
      await recordAudit(tx, scope, {
        action: "api_key.updated",
        target: { type: "api_key", id: row.id },
        // meta is not copied into the audit log: it may be large, and it is the caller's data, not a setting.
        metadata: { before: auditView(before), after: auditView(row), changed: changed.filter((field) => field !== "enabled") },
      });
    }
    if (input.credits !== undefined) await writeCredits(tx, row, input.credits, now);
    if (toggled) await recordToggle(tx, scope, row, now, "manual");
    const change = toggled ? (row.enabled ? "enabled" : "disabled") : "updated";
    await announceKeyChange(tx, [{ kind: "key", keyId: row.id, keyHash: row.keyHash, appId: row.appId, change }]);
    return row;
  });
  keysChanged([updated.keyHash]);
  if (input.credits !== undefined) await forgetCredits(updated);
  return withCreditsOne(updated);
}

/** The audit row (api_key.disabled or api_key.enabled) for a key just turned off or on, by a person, an app key or a policy. */
export async function recordToggle(
  tx: Tx,
  scope: AppScope,
  row: ApiKey,
  now: Date,
  reason: "manual" | "stale" | "leaked",
  endpoints?: ProjectEndpoints,
) {
  const type = row.enabled ? "api_key.enabled" : "api_key.disabled";
  await recordAudit(tx, scope, {
    action: type,
    target: { type: "api_key", id: row.id },
    metadata: { name: row.name, key_prefix: row.keyPrefix, ...(row.enabled ? {} : { reason }), at: now.toISOString() },
  });
  await emitKeyEvent(tx, { ...eventOf(row, type, now), data: { ...keyEventData(row), ...(row.enabled ? {} : { reason }) } }, endpoints);
}

/** The envelope of a key's event for the project's webhook endpoints. */
export function eventOf<T extends string>(row: Pick<ApiKey, "appId" | "projectId" | "id">, type: T, now: Date) {
  return { appId: row.appId, projectId: row.projectId, keyId: row.id, type, now };
}

/**
 * A key that a rotation made may still be waiting, sealed, in that rotation's pending
 * api_key.rotated message. Once the key is revoked it must not travel: its held copy is wiped
 * and the message is given up (the key's own api_key.revoked message tells the receiver).
 */
async function wipeHeldCopies(tx: Tx, scope: AppScope, keyId: string): Promise<void> {
  const predecessor = await tx.apiKey.findFirst({ where: { replacedByKeyId: keyId, appId: scope.appId }, select: { id: true } });
  if (!predecessor) return;
  // The messages to the key's rotation webhook URL: a project endpoint's never held the key.
  const where = { keyId: predecessor.id, appId: scope.appId, eventType: "api_key.rotated", endpointId: null };
  await tx.webhookMessage.updateMany({
    where: { ...where, status: "pending" },
    data: { status: "failed", lastError: "the new key was revoked before this message was delivered" },
  });
  await tx.webhookMessage.updateMany({ where: { ...where, sealedKey: { not: null } }, data: { sealedKey: null } });
}

/**
 * Revokes one key inside the caller's transaction, unless it is revoked already (false then):
 * its held copies are wiped, an audit row is written, and a key with a webhook URL gets an
 * `api_key.revoked` message. The caller announces the change and evicts the hash.
 */
export async function revokeRow(tx: Tx, scope: AppScope, row: ApiKey, now: Date, endpoints?: ProjectEndpoints): Promise<boolean> {
  const { count } = await tx.apiKey.updateMany({
    where: { id: row.id, appId: scope.appId, revokedAt: null },
    data: { revokedAt: now, nextRotationAt: null },
  });
  if (count === 0) return false;
  await wipeHeldCopies(tx, scope, row.id);
  await recordAudit(tx, scope, {
    action: "api_key.revoked",
    target: { type: "api_key", id: row.id },
    metadata: { name: row.name, key_prefix: row.keyPrefix, state_before: keyState(row, now) },
  });
  if (row.rotationWebhookUrl) {
    await enqueueWebhook(tx, {
      appId: row.appId,
      projectId: row.projectId,
      keyId: row.id,
      url: row.rotationWebhookUrl,
      type: "api_key.revoked",
      now,
      data: {
        project_id: row.projectId,
        environment_id: row.environmentId,
        key_id: row.id,
        name: row.name,
        key_prefix: row.keyPrefix,
        revoked_at: now.toISOString(),
      },
    });
  }
  await emitKeyEvent(
    tx,
    { ...eventOf(row, "api_key.revoked", now), data: { ...keyEventData(row), revoked_at: now.toISOString() } },
    endpoints,
  );
  return true;
}

/**
 * Revokes a key at once, grace period or not. Revoking a revoked key changes nothing. A key
 * with a webhook URL gets an `api_key.revoked` message in the same transaction.
 */
export async function revokeApiKey(scope: AppScope, id: string): Promise<void> {
  const now = new Date();
  const hash = await transaction(async (tx) => {
    const row = await tx.apiKey.findFirst({ where: { id, appId: scope.appId } });
    if (!row) throw notFound("API key");
    if (!(await revokeRow(tx, scope, row, now))) return null;
    await announceKeyChange(tx, [{ kind: "key", keyId: row.id, keyHash: row.keyHash, appId: row.appId, change: "revoked" }]);
    return row.keyHash;
  });
  if (hash) keysChanged([hash]);
}

/**
 * The project's keys with these ids, once each, in the order given (whatever order the database
 * returns them in). An id that is not a key of the project answers 404, naming it.
 */
async function projectKeysById(tx: Tx, scope: AppScope, projectId: string, requested: string[]): Promise<ApiKey[]> {
  const ids = [...new Set(requested)];
  const order = new Map(ids.map((id, i) => [id, i]));
  const rows = await inChunks(ids, (chunk) => tx.apiKey.findMany({ where: { appId: scope.appId, projectId, id: { in: chunk } } }));
  if (rows.length !== ids.length) {
    const found = new Set(rows.map((row) => row.id));
    throw notFound(`API key ${ids.find((id) => !found.has(id))}`);
  }
  return rows.sort((x, y) => order.get(x.id)! - order.get(y.id)!);
}

/**
 * Revokes the keys named (answered in the order given), or the live keys of one owner, oldest first (at most MAX_BULK_KEYS a call:
 * `has_more` says to call again), in one transaction: all of them or none. An id that is not a key
 * of the project answers 404 and revokes nothing. Keys already revoked are left as they are.
 */
export async function bulkRevokeApiKeys(scope: AppScope, input: BulkRevokeInput): Promise<{ revoked: string[]; has_more: boolean }> {
  const now = new Date();
  await assertProject(scope, input.project_id);
  const where = { appId: scope.appId, projectId: input.project_id };
  const result = await transaction(async (tx) => {
    let rows: ApiKey[];
    let hasMore = false;
    if (input.ids) {
      rows = await projectKeysById(tx, scope, input.project_id, input.ids);
    } else {
      rows = await tx.apiKey.findMany({
        where: { ...where, ownerId: input.owner_id, revokedAt: null },
        orderBy: [...pageOrder("asc")],
        take: MAX_BULK_KEYS + 1,
      });
      hasMore = rows.length > MAX_BULK_KEYS;
      rows = rows.slice(0, MAX_BULK_KEYS);
    }
    const revoked: ApiKey[] = [];
    const endpoints = await loadEndpoints(tx, scope.appId, input.project_id);
    for (const row of rows) if (await revokeRow(tx, scope, row, now, endpoints)) revoked.push(row);
    await announceKeyChange(
      tx,
      revoked.map((row) => ({ kind: "key" as const, keyId: row.id, keyHash: row.keyHash, appId: row.appId, change: "revoked" })),
    );
    return { revoked, hasMore };
  });
  keysChanged(result.revoked.map((row) => row.keyHash));
  return { revoked: result.revoked.map((row) => row.id), has_more: result.hasMore };
}

/**
 * Disables or enables the keys named (the console's multi-select), in one transaction. Keys that
 * are revoked, expired or rotated out, or already so, are left as they are and not listed.
 */
export async function bulkSetEnabled(
  scope: AppScope,
  input: { project_id: string; ids: string[]; enabled: boolean },
): Promise<{ changed: string[] }> {
  const now = new Date();
  await assertProject(scope, input.project_id);
  const changed = await transaction(async (tx) => {
    const rows = await projectKeysById(tx, scope, input.project_id, input.ids);
    const done: ApiKey[] = [];
    const endpoints = await loadEndpoints(tx, scope.appId, input.project_id);
    for (const row of rows) {
      if (row.enabled === input.enabled || !isSwitchable(keyState(row, now))) continue;
      const data = lifecycleData({ enabled: input.enabled }, now, row);
      const { count } = await tx.apiKey.updateMany({
        where: { AND: [{ id: row.id, appId: scope.appId, enabled: row.enabled }, switchableWhere(now)] },
        data,
      });
      if (count === 0) continue;
      const updated = { ...row, ...data } as ApiKey;
      await recordToggle(tx, scope, updated, now, "manual", endpoints);
      done.push(updated);
    }
    const change = input.enabled ? "enabled" : "disabled";
    await announceKeyChange(
      tx,
      done.map((row) => ({ kind: "key" as const, keyId: row.id, keyHash: row.keyHash, appId: row.appId, change })),
    );
    return done;
  });
  keysChanged(changed.map((row) => row.keyHash));
  return { changed: changed.map((row) => row.id) };
}
