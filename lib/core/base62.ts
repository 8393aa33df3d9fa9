import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE = BigInt(ALPHABET.length);

/** Encodes bytes or a number as base62, left-padded with "0" to `width` characters. */
export function toBase62(input: Uint8Array | number, width: number): string {
  let out = "";
  if (typeof input === "number") {
    // Checksums take this path on every verification: plain integer arithmetic, no BigInt.
    if (!Number.isSafeInteger(input) || input < 0) throw new RangeError(`${input} is not a non-negative safe integer`);
    for (let n = input; n > 0; n = Math.floor(n / 62)) out = ALPHABET[n % 62] + out;
  } else {
    for (let n = BigInt(`0x${Buffer.from(input).toString("hex") || "0"}`); n > 0n; n /= BASE) out = ALPHABET[Number(n % BASE)] + out;
  }
  if (out.length > width) throw new RangeError(`value needs ${out.length} base62 digits, more than ${width}`);
  return out.padStart(width, "0");
}

/** `width` uniformly random base62 characters (rejection sampling, so no modulo bias). */
export function randomBase62(width: number): string {
  let out = "";
  while (out.length < width) {
    for (const byte of randomBytes(width * 2)) {
      // 248 = 4 * 62: bytes at or above it would bias the first characters.
      if (byte < 248 && out.length < width) out += ALPHABET[byte % 62];
    }
  }
  return out;
}
