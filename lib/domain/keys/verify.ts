import "server-only";
import type { AppScope } from "../../core/scope";
import type { KeyCache } from "../../platform/cache/key-cache";
import { type LookupBackend, toBoolean, toDate } from "../../platform/db/lookup";
import { type MaybePromise, whenReady } from "../../core/maybe-async";
import { iso } from "../../core/schemas";
import type { UsageBuffer, VerificationOutcome } from "./usage-buffer";
import type { VerifyApiKeyInput, VerifyResult } from "./schemas";
import { hashesEqual, hashKey, isLatchkeyFormat, parseKey } from "../../core/crypto/key-secret";
import { parseMeta, parseScopes } from "./serialize";
import { compileAllowlist, type IpAllowlist } from "../../core/net/ip-allowlist";
import { type KeyState, keyState } from "./state";
import type { LimitCheck, LimitVerdict, RateLimit } from "../../core/limits";

type VerificationRecord = {
  id: string;
  appId: string;
  projectId: string;
  environmentId: string;
  keyHash: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  replacedByKeyId: string | null;
  graceExpiresAt: Date | null;
  enabled: boolean;
  ownerId: string | null;
  meta: Record<string, unknown> | null;
  /** Compiled when the record is loaded, so that a cached key checks an address without parsing its list. */
  allowlist: IpAllowlist;
  rateLimits: RateLimit[];
  /** Whose counters it uses (shared with the keys it was rotated from), and whether they hold credits. */
  counterId: string;
  hasCredits: boolean;
  /** What the meta and the allow-list cost beyond their fields, for the cache's memory budget (lib/platform/cache/key-cache.ts). */
  extraBytes: number;
};

type Timestamp = "expiresAt" | "revokedAt" | "graceExpiresAt";
type Parsed = "scopes" | "enabled" | "meta" | "allowlist" | "extraBytes" | "rateLimits" | "hasCredits" | Timestamp;
type RecordRow = Omit<VerificationRecord, Parsed> &
  Record<Timestamp | "enabled" | "hasCredits", unknown> & { scopes: string; meta: string | null; ipAllowlist: string; rateLimits: string };

const RECORD_SQL = `SELECT k."id", k."appId", k."projectId", k."environmentId", k."keyHash", k."scopes", k."expiresAt", k."revokedAt", k."replacedByKeyId",
  k."graceExpiresAt", k."enabled", k."ownerId", k."meta", k."ipAllowlist", k."rateLimits", COALESCE(k."counterId", k."id") AS "counterId",
  EXISTS (SELECT 1 FROM "KeyCounter" c WHERE c."id" = COALESCE(k."counterId", k."id")) AS "hasCredits"
  FROM "ApiKey" k WHERE k."keyHash" = ?`;

/** Decides a key's rate limits and credits (lib/platform/limits/store.ts). */
export type LimitBackend = (check: LimitCheck) => MaybePromise<LimitVerdict>;

/** What the verify path works with: the process's cache, lookup and limit backends, and usage buffer (lib/http/api/verifier.ts). */
export type VerifyContext = { cache: KeyCache; lookup: LookupBackend; limits: LimitBackend; usage: UsageBuffer };

/** What verification needs of a key: cached by hash, so it holds no secret. A cache miss costs this one query. */
async function loadVerificationRecord(lookup: LookupBackend, hash: string): Promise<VerificationRecord | null> {
  const row = (await lookup(RECORD_SQL, [hash])) as RecordRow | undefined;
  if (!row) return null;
  const { ipAllowlist, rateLimits, ...rest } = row;
  return {
    ...rest,
    rateLimits: JSON.parse(rateLimits) as RateLimit[],
    hasCredits: toBoolean(row.hasCredits),
    scopes: parseScopes(row.scopes),
    expiresAt: toDate(row.expiresAt),
    revokedAt: toDate(row.revokedAt),
    graceExpiresAt: toDate(row.graceExpiresAt),
    enabled: toBoolean(row.enabled),
    meta: parseMeta(row.meta),
    allowlist: compileAllowlist(parseScopes(ipAllowlist)),
    extraBytes: 2 * ((row.meta?.length ?? 0) + ipAllowlist.length + rateLimits.length) * 3,
  };
}

/**
 * Answers whose verdict depended on the caller's `ip` (the key has an allow-list): an SDK must not
 * answer them again from its cache for another request (the verify answer says so in a header).
 */
const clientDependent = new WeakSet<VerifyResult>();
export function dependsOnClient(result: VerifyResult): boolean {
  return clientDependent.has(result);
}

const CODE_BY_STATE: Record<KeyState, VerifyResult["code"]> = {
  active: "VALID",
  in_grace: "VALID",
  disabled: "DISABLED",
  revoked: "REVOKED",
  expired: "EXPIRED",
  rotated: "EXPIRED",
};

const OUTCOME_BY_CODE: Record<VerifyResult["code"], VerificationOutcome> = {
  VALID: "valid",
  REVOKED: "revoked",
  EXPIRED: "expired",
  DISABLED: "disabled",
  FORBIDDEN: "forbidden",
  INSUFFICIENT_SCOPES: "insufficient_scopes",
  NOT_FOUND: "not_found",
  MALFORMED: "malformed",
  RATE_LIMITED: "rate_limited",
  USAGE_EXCEEDED: "usage_exceeded",
};

function rejection(usage: UsageBuffer, appId: string, code: "MALFORMED" | "NOT_FOUND"): VerifyResult {
  usage.countVerification(appId, "", "", OUTCOME_BY_CODE[code], new Date());
  return refusal(code);
}

export function refusal(code: "MALFORMED" | "NOT_FOUND"): VerifyResult {
  return {
    valid: false,
    code,
    key_id: null,
    project_id: null,
    environment_id: null,
    scopes: [],
    expires_at: null,
    grace_expires_at: null,
    owner_id: null,
    meta: null,
    rate_limits: [],
    credits_remaining: null,
  };
}

/** Who verifies: the app, and whether it holds keys imported by hash (lib/domain/keys/import.ts). */
export type VerifyCaller = Pick<AppScope, "appId"> & { importedKeys?: boolean };

/**
 * Whether a key is MALFORMED without a lookup. A string in Latchkey's format (`lk_<kind>_…`)
 * must pass its shape and checksum. Any other string is looked up by its hash only when the
 * caller's app holds imported keys, which carry no checksum; otherwise it cannot be a key.
 */
export function malformedFor(scope: Pick<VerifyCaller, "importedKeys">, key: string): boolean {
  return isLatchkeyFormat(key) ? parseKey(key) === null : !scope.importedKeys;
}

/**
 * Checks a project key for the caller's app. A key of another app reads as NOT_FOUND, so its
 * existence is not confirmed. A malformed key (bad shape or checksum) is refused before any
 * lookup. A cached key is answered without a promise (lib/core/maybe-async.ts).
 */
export function verifyApiKey(ctx: VerifyContext, scope: VerifyCaller, input: VerifyApiKeyInput): MaybePromise<VerifyResult> {
  const malformed = malformedFor(scope, input.key);
  if (malformed) return rejection(ctx.usage, scope.appId, "MALFORMED");
  if (input.key.startsWith("lk_app_")) return rejection(ctx.usage, scope.appId, "NOT_FOUND");
  const hash = hashKey(input.key);
  return whenReady(
    ctx.cache.lookup(hash, () => loadVerificationRecord(ctx.lookup, hash)),
    (row) => {
      if (!row || row.appId !== scope.appId || !hashesEqual(row.keyHash, hash)) return rejection(ctx.usage, scope.appId, "NOT_FOUND");
      return verdict(ctx, row, input, new Date());
    },
  );
}

/**
 * The key's state first, then its allow-list against the caller's `ip`, then the scopes asked
 * for, then its rate limits and credits (which take the cost only when all of them allow it).
 */
function verdict(ctx: VerifyContext, row: VerificationRecord, input: VerifyApiKeyInput, now: Date): MaybePromise<VerifyResult> {
  let code = CODE_BY_STATE[keyState(row, now)];
  if (code === "VALID" && !row.allowlist.empty && !row.allowlist.allows(input.ip)) code = "FORBIDDEN";
  if (code === "VALID" && input.scopes?.some((s) => !row.scopes.includes(s))) code = "INSUFFICIENT_SCOPES";
  const limited = row.rateLimits.length > 0 || row.hasCredits;
  if (code !== "VALID" || !limited) return answer(ctx.usage, row, input, code, now, null);
  const check: LimitCheck = {
    counterId: row.counterId,
    rateLimits: row.rateLimits,
    credits: row.hasCredits,
    cost: input.cost ?? 1,
    now: now.getTime(),
  };
  return whenReady(ctx.limits(check), (limits) => answer(ctx.usage, row, input, limits.code, now, limits));
}

function answer(
  usage: UsageBuffer,
  row: VerificationRecord,
  input: VerifyApiKeyInput,
  code: VerifyResult["code"],
  now: Date,
  limits: LimitVerdict | null,
): VerifyResult {
  if (code === "VALID") usage.touchApiKey(row.id, now, input.ip ?? null, input.user_agent ?? null);
  usage.countVerification(row.appId, row.projectId, row.id, OUTCOME_BY_CODE[code], now);
  const result: VerifyResult = {
    valid: code === "VALID",
    code,
    key_id: row.id,
    project_id: row.projectId,
    environment_id: row.environmentId,
    scopes: row.scopes,
    expires_at: iso(row.expiresAt),
    grace_expires_at: iso(row.graceExpiresAt),
    owner_id: row.ownerId,
    meta: row.meta,
    rate_limits: limits?.rate_limits ?? [],
    credits_remaining: limits?.credits_remaining ?? null,
  };
  // An SDK must ask again for the next request: the verdict held for this address, or this moment's counts.
  if (!row.allowlist.empty || row.rateLimits.length > 0 || row.hasCredits) clientDependent.add(result);
  return result;
}
