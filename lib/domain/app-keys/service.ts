import { type Page, type PageQuery, pageOf, pageOrder, pageStart, readAfter } from "../../core/pagination";
import "server-only";
import type { AppScope } from "../../core/scope";
import { recordAudit } from "../audit/service";
import { announceKeyChange, keysChanged } from "../../platform/cache/invalidation";
import { db, transaction, type Tx } from "../../platform/db";
import type { AppApiKey } from "../../platform/db/models";
import { notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { generateKey } from "../../core/crypto/key-secret";
import { iso } from "../../core/schemas";
import {
  type AppApiKeyJson,
  type AppKeyRole,
  type ConsoleAppApiKey,
  type CreateAppApiKeyInput,
  type RenameAppApiKeyInput,
  appApiKeySchema,
  consoleAppApiKeySchema,
} from "./schemas";

// App admin keys (seed 000). Every query carries the caller's appId.

export function toAppApiKeyJson(row: AppApiKey): AppApiKeyJson {
  return appApiKeySchema.parse({
    created_at: iso(row.createdAt),
    id: row.id,
    key_prefix: row.keyPrefix,
    name: row.name,
    role: row.role as AppKeyRole,
  });
}

/** The console's view of an app key: also when it last authenticated (null: never). */
export function toConsoleAppApiKey(row: AppApiKey): ConsoleAppApiKey {
  return consoleAppApiKeySchema.parse({ ...toAppApiKeyJson(row), last_used_at: iso(row.lastUsedAt) });
}

/** One page of an app's admin keys, oldest first (lib/core/pagination.ts). */
export async function listAppApiKeys(scope: AppScope, query: PageQuery): Promise<Page<AppApiKey>> {
  const where = { appId: scope.appId };
  const start = await pageStart(query, (id) =>
    db().appApiKey.findFirst({ where: { ...where, id }, select: { id: true, createdAt: true } }),
  );
  const rows = await readAfter(
    (after, take) => db().appApiKey.findMany({ where: { AND: [where, after] }, orderBy: [...pageOrder("asc")], take }),
    start,
    "asc",
    query.limit + 1,
  );
  return pageOf(rows, query.limit, (row) => row);
}

export async function getAppApiKey(scope: AppScope, id: string): Promise<AppApiKey> {
  const row = await db().appApiKey.findFirst({ where: { id, appId: scope.appId } });
  if (!row) throw notFound("API key");
  return row;
}

/** Inside a caller's transaction, for flows (such as bootstrap) that create the app too. */
export async function insertAppApiKey(tx: Tx, scope: AppScope, input: CreateAppApiKeyInput) {
  const material = generateKey("app");
  const row = await tx.appApiKey.create({
    data: {
      id: newId("appApiKey"),
      appId: scope.appId,
      name: input.name,
      role: input.role,
      keyPrefix: material.prefix,
      keyHash: material.hash,
      createdBy: scope.actor.id,
    },
  });
  await recordAudit(tx, scope, {
    action: "app_api_key.created",
    target: { type: "app_api_key", id: row.id },
    metadata: { name: row.name, role: row.role, key_prefix: row.keyPrefix },
  });
  return { row, plaintext: material.plaintext };
}

export async function createAppApiKey(scope: AppScope, input: CreateAppApiKeyInput) {
  const created = await transaction((tx) => insertAppApiKey(tx, scope, input));
  keysChanged([created.row.keyHash]);
  return created;
}

export async function renameAppApiKey(scope: AppScope, id: string, input: RenameAppApiKeyInput): Promise<AppApiKey> {
  return transaction(async (tx) => {
    const before = await tx.appApiKey.findFirst({ where: { id, appId: scope.appId } });
    if (!before) throw notFound("API key");
    const row = await tx.appApiKey.update({ where: { id: before.id, appId: scope.appId }, data: { name: input.name } });
    await recordAudit(tx, scope, {
      action: "app_api_key.renamed",
      target: { type: "app_api_key", id },
      metadata: { before: { name: before.name }, after: { name: row.name } },
    });
    return row;
  });
}

export async function deleteAppApiKey(scope: AppScope, id: string): Promise<void> {
  const hash = await transaction(async (tx) => {
    const row = await tx.appApiKey.findFirst({ where: { id, appId: scope.appId } });
    if (!row) throw notFound("API key");
    await tx.appApiKey.delete({ where: { id: row.id, appId: scope.appId } });
    await recordAudit(tx, scope, {
      action: "app_api_key.deleted",
      target: { type: "app_api_key", id },
      metadata: { name: row.name, role: row.role, key_prefix: row.keyPrefix },
    });
    await announceKeyChange(tx, [{ kind: "app_key", keyId: row.id, keyHash: row.keyHash, appId: scope.appId, change: "deleted" }]);
    return row.keyHash;
  });
  // The deleted key must stop authenticating at once, here and on every other instance.
  keysChanged([hash]);
}
