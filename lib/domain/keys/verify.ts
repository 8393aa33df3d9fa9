import "server-only";
import type { AppScope } from "../../core/scope";
import type { KeyCache } from "../../platform/cache/key-cache";
import { type LookupBackend, toDate } from "../../platform/db/lookup";
import { type MaybePromise, whenReady } from "../../core/maybe-async";
import { iso } from "../../core/schemas";
import type { UsageBuffer, VerificationOutcome } from "./usage-buffer";
import type { VerifyApiKeyInput, VerifyResult } from "./schemas";
import { hashesEqual, hashKey, parseKey } from "../../core/crypto/key-secret";
import { parseScopes } from "./serialize";
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
};

type Timestamp = "expiresAt" | "revokedAt" | "graceExpiresAt";
type RecordRow = Omit<VerificationRecord, "scopes" | Timestamp> & { scopes: string } & Record<Timestamp, unknown>;

const RECORD_SQL = `SELECT "id", "appId", "projectId", "environmentId", "keyHash", "scopes", "expiresAt", "revokedAt", "replacedByKeyId", "graceExpiresAt"
  FROM "ApiKey" WHERE "keyHash" = ?`;

/** What the verify path works with: the process's cache, lookup backend and usage buffer (lib/http/api/verifier.ts). */
export type VerifyContext = { cache: KeyCache; lookup: LookupBackend; usage: UsageBuffer };

/** What verification needs of a key: cached by hash, so it holds no secret. A cache miss costs this one query. */
async function loadVerificationRecord(lookup: LookupBackend, hash: string): Promise<VerificationRecord | null> {
  const row = (await lookup(RECORD_SQL, [hash])) as RecordRow | undefined;
  if (!row) return null;
  return {
    ...row,
    scopes: parseScopes(row.scopes),
    expiresAt: toDate(row.expiresAt),
    revokedAt: toDate(row.revokedAt),
    graceExpiresAt: toDate(row.graceExpiresAt),
  };
}

const CODE_BY_STATE: Record<KeyState, VerifyResult["code"]> = {
  active: "VALID",
  in_grace: "VALID",
  revoked: "REVOKED",
  expired: "EXPIRED",
  rotated: "EXPIRED",
};

const OUTCOME_BY_CODE: Record<VerifyResult["code"], VerificationOutcome> = {
  VALID: "valid",
  REVOKED: "revoked",
  EXPIRED: "expired",
  INSUFFICIENT_SCOPES: "insufficient_scopes",
  NOT_FOUND: "not_found",
  MALFORMED: "malformed",
};

function rejection(usage: UsageBuffer, appId: string, code: "MALFORMED" | "NOT_FOUND"): VerifyResult {
  usage.countVerification(appId, "", "", OUTCOME_BY_CODE[code], new Date());
  return refusal(code);
}

export function refusal(code: "MALFORMED" | "NOT_FOUND"): VerifyResult {
  return { valid: false, code, key_id: null, project_id: null, environment_id: null, scopes: [], expires_at: null, grace_expires_at: null };
}

/**
 * Checks a project key for the caller's app. A key of another app reads as NOT_FOUND, so its
 * existence is not confirmed. A malformed key (bad shape or checksum) is refused before any
 * lookup. A cached key is answered without a promise (lib/core/maybe-async.ts).
 */
export function verifyApiKey(ctx: VerifyContext, scope: Pick<AppScope, "appId">, input: VerifyApiKeyInput): MaybePromise<VerifyResult> {
  const parsed = parseKey(input.key);
  if (!parsed) return rejection(ctx.usage, scope.appId, "MALFORMED");
  if (parsed.kind === "app") return rejection(ctx.usage, scope.appId, "NOT_FOUND");
  const hash = hashKey(input.key);
  return whenReady(
    ctx.cache.lookup(hash, () => loadVerificationRecord(ctx.lookup, hash)),
    (row) => {
      if (!row || row.appId !== scope.appId || !hashesEqual(row.keyHash, hash)) return rejection(ctx.usage, scope.appId, "NOT_FOUND");
      return verdict(ctx.usage, row, input.scopes, new Date());
    },
  );
}

function verdict(usage: UsageBuffer, row: VerificationRecord, required: string[] | undefined, now: Date): VerifyResult {
  const { scopes } = row;
  let code = CODE_BY_STATE[keyState(row, now)];
  if (code === "VALID" && required?.some((s) => !scopes.includes(s))) code = "INSUFFICIENT_SCOPES";
  if (code === "VALID") usage.touchApiKey(row.id, now);
  usage.countVerification(row.appId, row.projectId, row.id, OUTCOME_BY_CODE[code], now);
  return {
    valid: code === "VALID",
    code,
    key_id: row.id,
    project_id: row.projectId,
    environment_id: row.environmentId,
    scopes,
    expires_at: iso(row.expiresAt),
    grace_expires_at: iso(row.graceExpiresAt),
  };
}
