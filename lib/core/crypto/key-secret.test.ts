import { describe, expect, it } from "vitest";
import { generateKey, hashesEqual, hashKey, parseKey } from "./key-secret";

describe("generateKey", () => {
  it("builds lk_<kind>_<public id><secret><checksum> with a prefix that identifies the key", () => {
    const key = generateKey("live");
    expect(key.plaintext).toMatch(/^lk_live_[0-9A-Za-z]{57}$/);
    expect(key.prefix).toMatch(/^lk_live_[0-9A-Za-z]{8}$/);
    expect(key.plaintext.startsWith(key.prefix)).toBe(true);
    expect(generateKey("test").prefix).toMatch(/^lk_test_/);
    expect(generateKey("app").plaintext).toMatch(/^lk_app_[0-9A-Za-z]{57}$/);
  });

  it("stores only a SHA-256 hash, never the plaintext", () => {
    const key = generateKey("live");
    expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(key.hash).toBe(hashKey(key.plaintext));
    expect(key.hash).not.toContain(key.plaintext.slice(16, 40));
  });

  it("never repeats a secret", () => {
    const seen = new Set(Array.from({ length: 2000 }, () => generateKey("live").plaintext));
    expect(seen.size).toBe(2000);
  });

  it("carries at least 256 bits of randomness in the secret part", () => {
    // 43 base62 characters hold log2(62) * 43 ≈ 256.03 bits; each character must vary.
    const secrets = Array.from({ length: 400 }, () => generateKey("live").plaintext.slice(16, 59));
    for (let i = 0; i < 43; i++) {
      expect(new Set(secrets.map((s) => s[i])).size).toBeGreaterThan(20);
    }
  });
});

describe("parseKey", () => {
  it("accepts what generateKey makes", () => {
    for (const kind of ["app", "live", "test"] as const) {
      const key = generateKey(kind);
      expect(parseKey(key.plaintext)).toEqual({ kind, prefix: key.prefix });
    }
  });

  it("rejects a key with one character changed, by its checksum", () => {
    const { plaintext } = generateKey("live");
    let rejected = 0;
    for (let i = 8; i < plaintext.length; i++) {
      const swapped = plaintext[i] === "a" ? "b" : "a";
      if (parseKey(plaintext.slice(0, i) + swapped + plaintext.slice(i + 1)) === null) rejected++;
    }
    expect(rejected).toBe(plaintext.length - 8);
  });

  it("rejects truncated, padded, foreign and oversized strings", () => {
    const { plaintext } = generateKey("test");
    expect(parseKey(plaintext.slice(0, -1))).toBeNull();
    expect(parseKey(`${plaintext}x`)).toBeNull();
    expect(parseKey(` ${plaintext}`)).toBeNull();
    expect(parseKey(plaintext.replace("lk_test_", "lk_prod_"))).toBeNull();
    expect(parseKey("sk_live_51H8abc")).toBeNull();
    expect(parseKey("")).toBeNull();
    expect(parseKey("x".repeat(1_000_000))).toBeNull();
  });
});

describe("hashesEqual", () => {
  it("compares digests", () => {
    const a = hashKey("a");
    expect(hashesEqual(a, hashKey("a"))).toBe(true);
    expect(hashesEqual(a, hashKey("b"))).toBe(false);
    expect(hashesEqual(a, a.slice(0, 10))).toBe(false);
  });
});
