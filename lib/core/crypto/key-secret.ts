import { hash, randomBytes, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";
import { randomBase62, toBase62 } from "../base62";

/**
 * A Latchkey secret reads `lk_<kind>_<public id><secret><checksum>`:
 * - kind: `app` for app admin keys (seed 000), `live` or `test` for project keys, by environment;
 * - public id: 8 base62 characters, shown in lists as part of key_prefix;
 * - secret: 32 bytes (256 bits) from crypto.randomBytes, as 43 base62 characters;
 * - checksum: CRC32 of everything before it, as 6 base62 characters, so that a mistyped or
 *   truncated key is rejected without a database lookup (as GitHub's tokens do).
 */
export const KEY_KINDS = ["app", "live", "test"] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

const PUBLIC_ID_LENGTH = 8;
const SECRET_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
const MAX_KEY_LENGTH = "lk_live_".length + PUBLIC_ID_LENGTH + SECRET_LENGTH + CHECKSUM_LENGTH;
const KEY_PATTERN = /^lk_(app|live|test)_([0-9A-Za-z]{8})([0-9A-Za-z]{43})([0-9A-Za-z]{6})$/;

export type GeneratedKey = {
  /** The full secret: returned to the caller once, never stored. */
  plaintext: string;
  /** The non-secret leading part that identifies the key in lists, e.g. `lk_live_3fA9xQ2b`. */
  prefix: string;
  /** SHA-256 of the plaintext, hex. The only form that is stored. */
  hash: string;
};

function checksum(body: string): string {
  return toBase62(crc32(body), CHECKSUM_LENGTH);
}

export function generateKey(kind: KeyKind): GeneratedKey {
  const prefix = `lk_${kind}_${randomBase62(PUBLIC_ID_LENGTH)}`;
  const body = prefix + toBase62(randomBytes(32), SECRET_LENGTH);
  const plaintext = body + checksum(body);
  return { plaintext, prefix, hash: hashKey(plaintext) };
}

export type ParsedKey = { kind: KeyKind; prefix: string };

/** Checks shape and checksum only. `null` means the string cannot be a Latchkey key. */
export function parseKey(candidate: string): ParsedKey | null {
  if (candidate.length > MAX_KEY_LENGTH) return null;
  const match = KEY_PATTERN.exec(candidate);
  if (!match) return null;
  const body = candidate.slice(0, -CHECKSUM_LENGTH);
  if (checksum(body) !== match[4]) return null;
  return { kind: match[1] as KeyKind, prefix: `lk_${match[1]}_${match[2]}` };
}

/**
 * Whether the string claims to be a Latchkey key by its `lk_<kind>_` start: such a string is
 * judged by its shape and checksum (parseKey) alone. Anything else may be a key imported by hash
 * from another key service (`latchkey import`), which carries no checksum.
 */
export function isLatchkeyFormat(candidate: string): boolean {
  return LATCHKEY_START.test(candidate);
}
const LATCHKEY_START = /^lk_(app|live|test)_/;

export function hashKey(plaintext: string): string {
  return hash("sha256", plaintext); // one call, no Hash object: a third cheaper for a key's length (measured)
}

/** Constant-time comparison of two hex digests. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
