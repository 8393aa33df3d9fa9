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
  /** What the meta and the allow-list cost beyond their fields, for the cache's memory budget (lib/platform/cache/key-cache.ts). */
  extraBytes: number;
};

type Timestamp = "expiresAt" | "revokedAt" | "graceExpiresAt";
type Parsed = "scopes" | "enabled" | "meta" | "allowlist" | "extraBytes" | Timestamp;
type RecordRow = Omit<VerificationRecord, Parsed> &
  Record<Timestamp | "enabled", unknown> & { scopes: string; meta: string | null; ipAllowlist: string };

const RECORD_SQL = `SELECT "id", "appId", "projectId", "environmentId", "keyHash", "scopes", "expiresAt", "revokedAt", "replacedByKeyId", "graceExpiresAt",
  "enabled", "ownerId", "meta", "ipAllowlist"
  FROM "ApiKey" WHERE "keyHash" = ?`;

/** What the verify path works with: the process's cache, lookup backend and usage buffer (lib/http/api/verifier.ts). */
export type VerifyContext = { cache: KeyCache; lookup: LookupBackend; usage: UsageBuffer };

/** What verification needs of a key: cached by hash, so it holds no secret. A cache miss costs this one query. */
async function loadVerificationRecord(lookup: LookupBackend, hash: string): Promise<VerificationRecord | null> {
  const row = (await lookup(RECORD_SQL, [hash])) as RecordRow | undefined;
  if (!row) return null;
  const { ipAllowlist, ...rest } = row;
  return {
    ...rest,
    scopes: parseScopes(row.scopes),
    expiresAt: toDate(row.expiresAt),
    revokedAt: toDate(row.revokedAt),
    graceExpiresAt: toDate(row.graceExpiresAt),
    enabled: toBoolean(row.enabled),
    meta: parseMeta(row.meta),
    allowlist: compileAllowlist(parseScopes(ipAllowlist)),
    extraBytes: 2 * ((row.meta?.length ?? 0) + ipAllowlist.length) * 3,
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
      return verdict(ctx.usage, row, input, new Date());
    },
  );
}

/** The key's state first, then its allow-list against the caller's `ip`, then the scopes asked for. */
function verdict(usage: UsageBuffer, row: VerificationRecord, input: VerifyApiKeyInput, now: Date): VerifyResult {
  const { scopes } = row;
  let code = CODE_BY_STATE[keyState(row, now)];
  if (code === "VALID" && !row.allowlist.empty && !row.allowlist.allows(input.ip)) code = "FORBIDDEN";
  if (code === "VALID" && input.scopes?.some((s) => !scopes.includes(s))) code = "INSUFFICIENT_SCOPES";
  if (code === "VALID") usage.touchApiKey(row.id, now, input.ip ?? null, input.user_agent ?? null);
  usage.countVerification(row.appId, row.projectId, row.id, OUTCOME_BY_CODE[code], now);
  const result: VerifyResult = {
    valid: code === "VALID",
    code,
    key_id: row.id,
    project_id: row.projectId,
    environment_id: row.environmentId,
    scopes,
    expires_at: iso(row.expiresAt),
    grace_expires_at: iso(row.graceExpiresAt),
    owner_id: row.ownerId,
    meta: row.meta,
  };
  if (!row.allowlist.empty) clientDependent.add(result);
  return result;
}
