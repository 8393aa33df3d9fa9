import { describe, expect, it } from "vitest";
import { randomBase62, toBase62 } from "./base62";

describe("toBase62", () => {
  it("encodes numbers and bytes, padded to the width", () => {
    expect(toBase62(0, 6)).toBe("000000");
    expect(toBase62(61, 2)).toBe("0z");
    expect(toBase62(62, 2)).toBe("10");
    expect(toBase62(0xffffffff, 6)).toBe("4gfFC3");
    expect(toBase62(new Uint8Array(32).fill(255), 43)).toHaveLength(43);
  });

  it("gives numbers and their big-endian bytes the same digits", () => {
    for (const n of [1, 61, 62, 3843, 3844, 0x7fffffff, 0xfffffffe, 2 ** 40 + 7]) {
      const bytes = Buffer.alloc(8);
      bytes.writeBigUInt64BE(BigInt(n));
      expect(toBase62(n, 8)).toBe(toBase62(bytes, 8));
    }
  });

  it("refuses a value wider than the width", () => {
    expect(() => toBase62(62 ** 3, 3)).toThrow(RangeError);
  });
});

describe("randomBase62", () => {
  it("uses every character of the alphabet with no visible bias", () => {
    const counts = new Map<string, number>();
    for (const c of randomBase62(62_000)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const n of counts.values()) expect(n).toBeGreaterThan(800);
  });
});
