import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { serverSecret } from "./server-secret";

// Secrets that Latchkey must read back later (a webhook signing secret, a rotated key waiting
// for delivery) are sealed with AES-256-GCM. The key is derived with HKDF-SHA256 from the
// server's secret, so a database dump alone reveals nothing. A sealed value reads
// `v1.<iv>.<ciphertext>.<tag>` (base64url): the version names the algorithm and derivation, so
// a later scheme can be added beside it. The caller's context (a row id, a purpose) is bound
// as additional data: a value copied into another row does not open there.

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** 32 bytes for AES-256, derived from a server secret. */
export function deriveBoxKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "latchkey", "latchkey secret-box v1", 32));
}

let cachedKey: { secret: string; key: Buffer } | undefined;

function serverBoxKey(): Buffer {
  const secret = serverSecret();
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: deriveBoxKey(secret) };
  return cachedKey.key;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

export function seal(plaintext: string, context: string, key: Buffer = serverBoxKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** Opens a sealed value. A changed value, another context or another key throws SecretBoxError. */
export function open(sealed: string, context: string, key: Buffer = serverBoxKey()): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError("Not a sealed value of a known version.");
  const [iv, ciphertext, tag] = parts.slice(1).map((part) => Buffer.from(part, "base64url")) as [Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError("A sealed value with a malformed IV or tag.");
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("The sealed value does not open: it was changed, or sealed under another key or context.");
  }
}
