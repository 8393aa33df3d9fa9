import "server-only";
import type { AppScope } from "../../core/scope";
import { db, type Prisma } from "../../platform/db";
import type { ApiKey } from "../../platform/db/models";
import { env } from "../../core/env";
import { notFound } from "../../core/errors";
import { assertProject } from "../projects/service";
import type { ListProjectKeysQuery } from "./schemas";
import { keySearchTerm } from "./search-term";
import { parseScopes } from "./serialize";
import { EXPIRING_SOON_MS, type KeyStatus } from "./state";

// The console's reads of project keys: a server-paginated, searchable table, the scopes a
// project already uses, and a key's rotation chain. Every query carries the caller's appId.

type Where = Prisma.ApiKeyWhereInput;

const notRevoked = (now: Date): Where => ({ OR: [{ revokedAt: null }, { revokedAt: { gt: now } }] });
const notExpired = (now: Date): Where => ({ OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });

/**
 * Keys that can still be disabled or enabled at `now`: not revoked, not expired, and not rotated
 * out (a replaced key only while its grace period runs). A conditional update that switches a key
 * carries it, so that a revocation or rotation committed meanwhile wins.
 */
export function switchableWhere(now: Date): Where {
  return {
    AND: [notRevoked(now), notExpired(now), { OR: [{ replacedByKeyId: null }, { graceExpiresAt: { gt: now } }] }],
  };
}

/** The rows whose console status (lib/domain/keys/state.ts keyStatus) is `status` at `now`. */
export function statusWhere(status: KeyStatus, now: Date): Where {
  const live: Where[] = [notRevoked(now), notExpired(now)];
  const soon = new Date(now.getTime() + EXPIRING_SOON_MS);
  const inGrace: Where[] = [{ replacedByKeyId: { not: null } }, { graceExpiresAt: { gt: now } }];
  switch (status) {
    case "revoked":
      return { revokedAt: { lte: now } };
    case "expired":
      return { AND: [notRevoked(now), { expiresAt: { lte: now } }] };
    case "disabled":
      return { AND: [...live, { enabled: false }, { OR: [{ replacedByKeyId: null }, { AND: inGrace }] }] };
    case "in_grace":
      return { AND: [...live, { enabled: true }, ...inGrace] };
    case "rotated":
      return { AND: [...live, { replacedByKeyId: { not: null } }, { OR: [{ graceExpiresAt: null }, { graceExpiresAt: { lte: now } }] }] };
    case "expiring_soon":
      return { AND: [...live, { enabled: true }, { replacedByKeyId: null }, { expiresAt: { lte: soon } }] };
    case "active":
      return {
        AND: [notRevoked(now), { enabled: true }, { replacedByKeyId: null }, { OR: [{ expiresAt: null }, { expiresAt: { gt: soon } }] }],
      };
  }
}

function searchWhere(input: string): Where {
  // A whole pasted key matches by its prefix; its secret part is never part of a query.
  const q = keySearchTerm(input);
  // Postgres compares case-sensitively unless asked; SQLite's LIKE already ignores ASCII case.
  const insensitive = env().DATABASE_PROVIDER === "postgresql" ? { mode: "insensitive" as const } : {};
  return { OR: [{ name: { contains: q, ...insensitive } }, { keyPrefix: { contains: q } }, { id: q }] };
}

const SORT_COLUMNS = {
  name: "name",
  created_at: "createdAt",
  last_used_at: "lastUsedAt",
  expires_at: "expiresAt",
  next_rotation_at: "nextRotationAt",
} as const;
const NULLABLE = new Set<string>(["lastUsedAt", "expiresAt", "nextRotationAt"]);

function orderBy(sort: ListProjectKeysQuery["sort"], dir: "asc" | "desc"): Prisma.ApiKeyOrderByWithRelationInput[] {
  const column = SORT_COLUMNS[sort];
  // Keys that never had a value (never used, never expire) go last whichever way.
  const first = NULLABLE.has(column) ? { [column]: { sort: dir, nulls: "last" } } : { [column]: dir };
  return [first, { id: dir }];
}

/**
 * How far the table counts. A project can hold a million keys, and counting them all on every
 * page view costs a scan of the whole project; past this the table says "1,000+".
 */
export const KEY_COUNT_LIMIT = 1000;

/** `total` is exact unless `total_capped`, when there are at least that many. */
export type ProjectKeyPage = { rows: ApiKey[]; total: number; total_capped: boolean; page: number; page_size: number };

/** One page of a project's keys, searched, filtered and sorted on the server. */
export async function listProjectKeys(
  scope: AppScope,
  projectId: string,
  query: ListProjectKeysQuery,
  now = new Date(),
): Promise<ProjectKeyPage> {
  await assertProject(scope, projectId);
  const filters: Where[] = [{ appId: scope.appId, projectId }];
  if (query.q) filters.push(searchWhere(query.q));
  if (query.status) filters.push(statusWhere(query.status, now));
  if (query.environment_id) filters.push({ environmentId: query.environment_id });
  const where: Where = { AND: filters };
  // Counted as far as this page's end or the limit, whichever is further, and no further.
  const countTo = Math.max(KEY_COUNT_LIMIT, query.page * query.page_size);
  const [counted, rows] = await Promise.all([
    db().apiKey.count({ where, take: countTo + 1 }),
    db().apiKey.findMany({
      where,
      orderBy: orderBy(query.sort, query.dir),
      skip: (query.page - 1) * query.page_size,
      take: query.page_size,
    }),
  ]);
  return { rows, total: Math.min(counted, countTo), total_capped: counted > countTo, page: query.page, page_size: query.page_size };
}

/** Every scope some key of the project carries, for the create form's suggestions. */
export async function listProjectScopes(scope: AppScope, projectId: string): Promise<string[]> {
  const rows = await db().apiKey.findMany({
    where: { appId: scope.appId, projectId },
    select: { scopes: true },
    distinct: ["scopes"],
    take: 1000,
  });
  return [...new Set(rows.flatMap((r) => parseScopes(r.scopes)))].sort();
}

const MAX_CHAIN = 100;

/** The key's rotation chain, oldest first: the keys it replaced, itself, and its replacements. */
export async function getRotationChain(scope: AppScope, keyId: string): Promise<ApiKey[]> {
  const key = await db().apiKey.findFirst({ where: { id: keyId, appId: scope.appId } });
  if (!key) throw notFound("API key");
  const before: ApiKey[] = [];
  for (let id = key.id; before.length < MAX_CHAIN;) {
    const previous = await db().apiKey.findFirst({ where: { replacedByKeyId: id, appId: scope.appId } });
    if (!previous) break;
    before.unshift(previous);
    id = previous.id;
  }
  const after: ApiKey[] = [];
  for (let next = key.replacedByKeyId; next && after.length < MAX_CHAIN;) {
    const row = await db().apiKey.findFirst({ where: { id: next, appId: scope.appId } });
    if (!row) break;
    after.push(row);
    next = row.replacedByKeyId;
  }
  return [...before, key, ...after];
}
