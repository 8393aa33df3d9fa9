import "server-only";
import type { AppKeyRole } from "../app-keys/schemas";
import { cachedLookup, peekCached } from "../cache/key-cache";
import { queryFirst } from "../db";
import { touchAppApiKey } from "../keys/usage";
import { hashesEqual, hashKey, parseKey } from "../keys/secret";

export type AppKeyPrincipal = { keyId: string; keyHash: string; appId: string; teamId: string; role: AppKeyRole };

const PRINCIPAL_SQL = `SELECT k."id" AS "keyId", k."keyHash", k."appId", a."teamId", k."role"
  FROM "AppApiKey" k JOIN "App" a ON a."id" = k."appId" WHERE k."keyHash" = ?`;

/** Resolves a bearer token to the app admin key it is, or null. Malformed tokens cost no lookup. */
export async function authenticateAppKey(token: string): Promise<AppKeyPrincipal | null> {
  const parsed = parseKey(token);
  if (!parsed || parsed.kind !== "app") return null;
  const hash = hashKey(token);
  const principal =
    peekCached<AppKeyPrincipal>(hash) ??
    (await cachedLookup(hash, async () => (await queryFirst<AppKeyPrincipal>(PRINCIPAL_SQL, hash)) ?? null));
  if (!principal || !hashesEqual(principal.keyHash, hash)) return null;
  touchAppApiKey(principal.keyId);
  return principal;
}

/** What each app key role may do on /v1. */
export const APP_KEY_PERMISSIONS = {
  admin: ["keys:read", "keys:write", "keys:verify", "app_keys:read", "app_keys:write", "audit:read", "projects:read", "projects:write", "webhooks:read", "webhooks:write"],
  verifier: ["keys:verify"],
} as const satisfies Record<AppKeyRole, readonly string[]>;

export type AppKeyPermission = (typeof APP_KEY_PERMISSIONS)["admin"][number];

export function appKeyCan(role: AppKeyRole, permission: AppKeyPermission): boolean {
  return (APP_KEY_PERMISSIONS[role] as readonly string[]).includes(permission);
}
