import { createHash } from "node:crypto";

// A Latchkey key reads `lk_<live|test|app>_<8 public><43 secret><6 checksum>`, base62, where the
// checksum is the CRC32 of everything before it. A key that fails its shape or checksum cannot
// be a key, so the verifier refuses it without a network call, as the server does. A string in
// another format may be a key imported by hash (`latchkey import`): see createVerifier.

const PATTERN = /^lk_(live|test|app)_[0-9A-Za-z]{51}([0-9A-Za-z]{6})$/;
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

const TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

function crc32(text: string): number {
  let crc = -1;
  for (let i = 0; i < text.length; i++) crc = TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

function base62(n: number, width: number): string {
  let out = "";
  for (; n > 0; n = Math.floor(n / 62)) out = ALPHABET[n % 62] + out;
  return out.padStart(width, "0");
}

/** Whether `candidate` has a key's shape and checksum (ASCII only, as every key is). */
export function isWellFormed(candidate: string): boolean {
  const match = PATTERN.exec(candidate);
  return match !== null && base62(crc32(candidate.slice(0, -6)), 6) === match[2];
}

/** The longest key Latchkey verifies: a longer string cannot be a key, in any format. */
export const MAX_KEY_LENGTH = 512;

/** Strings Latchkey refuses as input (a 400), so never keys: with U+0000, or not well-formed Unicode. */
export function isUnusable(candidate: string): boolean {
  return candidate.length === 0 || candidate.length > MAX_KEY_LENGTH || candidate.includes("\0") || LONE_SURROGATE.test(candidate);
}
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Whether the string claims to be a Latchkey key (`lk_<kind>_…`): it is then judged by its shape
 * and checksum alone. Any other string may be a key imported by hash from another key service.
 */
export function isLatchkeyFormat(candidate: string): boolean {
  return /^lk_(live|test|app)_/.test(candidate);
}

/** Whether the key is a project key (live or test), which is what verification is for. */
export function isProjectKey(candidate: string): boolean {
  return candidate.startsWith("lk_live_") || candidate.startsWith("lk_test_");
}

/** The SHA-256 of a key, hex: what the cache is keyed by, so that no plaintext is kept. */
export function keyHash(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
