import { randomBase62 } from "./base62";

// Every id names what it points to, so a log line or an error is readable on its own.
export const ID_PREFIXES = {
  team: "team",
  user: "usr",
  membership: "mem",
  session: "ses",
  invite: "inv",
  app: "app",
  appApiKey: "apk",
  project: "prj",
  environment: "env",
  apiKey: "key",
  auditEvent: "aud",
  verificationCount: "vc",
  // Also the webhook-id header, stable across retries, as Standard Webhooks suggests.
  webhookMessage: "msg",
  webhookAttempt: "wha",
  webhookEndpoint: "whe",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/** A new id such as `key_4Q2b…`: the kind's prefix and 22 random base62 characters (131 bits). */
export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${randomBase62(22)}`;
}
