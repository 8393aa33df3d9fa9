import { createHmac, randomBytes } from "node:crypto";

// Standard Webhooks (https://www.standardwebhooks.com): every message carries `webhook-id`,
// `webhook-timestamp` (Unix seconds) and `webhook-signature`, which lists one or more
// `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` separated by spaces. A receiver accepts the
// message when any listed signature matches, which lets a project rotate its secret without
// a gap: for a while the message is signed with the new and the previous secret.

export const SIGNING_SECRET_PREFIX = "whsec_";

/** A new signing secret, `whsec_` and 32 random bytes in base64, as the spec recommends. */
export function generateSigningSecret(): string {
  return SIGNING_SECRET_PREFIX + randomBytes(32).toString("base64");
}

function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SIGNING_SECRET_PREFIX)) throw new Error("A signing secret starts with whsec_.");
  const key = Buffer.from(secret.slice(SIGNING_SECRET_PREFIX.length), "base64");
  if (key.length < 24) throw new Error("A signing secret holds at least 24 bytes.");
  return key;
}

export type WebhookMessage = {
  /** Stable across retries, so that a receiver can drop a message it already handled. */
  id: string;
  /** When this attempt is sent. Receivers refuse timestamps far from their own clock. */
  timestamp: Date;
  body: string;
};

/** One `v1,<base64>` signature of the message under one secret. */
export function sign(secret: string, message: WebhookMessage): string {
  const seconds = Math.floor(message.timestamp.getTime() / 1000);
  const mac = createHmac("sha256", secretKey(secret)).update(`${message.id}.${seconds}.${message.body}`).digest("base64");
  return `v1,${mac}`;
}

export type SignatureHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

/** The three headers of a signed message. Several secrets give several signatures. */
export function signatureHeaders(secrets: readonly string[], message: WebhookMessage): SignatureHeaders {
  if (secrets.length === 0) throw new Error("At least one signing secret is needed.");
  return {
    "webhook-id": message.id,
    "webhook-timestamp": String(Math.floor(message.timestamp.getTime() / 1000)),
    "webhook-signature": secrets.map((secret) => sign(secret, message)).join(" "),
  };
}
