import "server-only";
import type { AppKeyRole } from "./schemas";
import { toBoolean } from "../../platform/db/lookup";
import { hashesEqual, hashKey, parseKey } from "../../core/crypto/key-secret";
import type { VerifyContext } from "../keys/verify";
import { type MaybePromise, whenReady } from "../../core/maybe-async";

export type AppKeyPrincipal = {
  keyId: string;
  keyHash: string;
  appId: string;
  teamId: string;
  role: AppKeyRole;
  /** The app holds keys imported by hash (`latchkey import`): verify looks up keys not in Latchkey's format. */
  importedKeys: boolean;
};

const PRINCIPAL_SQL = `SELECT k."id" AS "keyId", k."keyHash", k."appId", a."teamId", k."role", a."importedKeys"
  FROM "AppApiKey" k JOIN "App" a ON a."id" = k."appId" WHERE k."keyHash" = ?`;

async function loadPrincipal(ctx: VerifyContext, hash: string): Promise<AppKeyPrincipal | null> {
  const row = (await ctx.lookup(PRINCIPAL_SQL, [hash])) as (Omit<AppKeyPrincipal, "importedKeys"> & { importedKeys: unknown }) | undefined;
  return row ? { ...row, importedKeys: toBoolean(row.importedKeys) } : null;
}

/**
 * Resolves a bearer token to the app admin key it is, or null. Malformed tokens cost no lookup;
 * a cached key answers without a promise (lib/core/maybe-async.ts).
 */
export function authenticateAppKey(ctx: VerifyContext, token: string): MaybePromise<AppKeyPrincipal | null> {
  const parsed = parseKey(token);
  if (!parsed || parsed.kind !== "app") return null;
  const hash = hashKey(token);
  const principal = ctx.cache.lookup(hash, () => loadPrincipal(ctx, hash));
  return whenReady(principal, (found) => {
    if (!found || !hashesEqual(found.keyHash, hash)) return null;
    ctx.usage.touchAppApiKey(found.keyId);
    return found;
  });
}

/** What each app key role may do on /v1. */
export const APP_KEY_PERMISSIONS = {
  admin: [
    "keys:read",
    "keys:write",
    "keys:verify",
    "app_keys:read",
    "app_keys:write",
    "audit:read",
    "projects:read",
    "projects:write",
    "webhooks:read",
    "webhooks:write",
  ],
  verifier: ["keys:verify"],
} as const satisfies Record<AppKeyRole, readonly string[]>;

export type AppKeyPermission = (typeof APP_KEY_PERMISSIONS)["admin"][number];

export function appKeyCan(role: AppKeyRole, permission: AppKeyPermission): boolean {
  return (APP_KEY_PERMISSIONS[role] as readonly string[]).includes(permission);
}
