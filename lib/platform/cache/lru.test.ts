import { describe, expect, it } from "vitest";
import { MemoryLru } from "./lru";

const sized = (maxBytes: number, ttlMs = 60_000, now = () => 0) =>
  new MemoryLru<string>(maxBytes, ttlMs, (k, v) => k.length + v.length, now);

describe("MemoryLru", () => {
  it("evicts the least recently used entries once over its byte budget", () => {
    const lru = sized(30);
    lru.set("a", "x".repeat(9)); // 10 bytes
    lru.set("b", "x".repeat(9));
    lru.set("c", "x".repeat(9));
    expect(lru.get("a")).toBeDefined(); // a is now the most recent
    lru.set("d", "x".repeat(9)); // 40 bytes: b, the least recent, goes
    expect(lru.get("b")).toBeUndefined();
    expect([lru.get("a"), lru.get("c"), lru.get("d")].every(Boolean)).toBe(true);
    expect(lru.bytes).toBe(30);
  });

  it("never holds an entry larger than the budget, and keeps its byte count exact", () => {
    const lru = sized(10);
    lru.set("big", "x".repeat(20));
    expect(lru.size).toBe(0);
    lru.set("k", "v");
    lru.set("k", "vvv");
    expect(lru.bytes).toBe(4);
    lru.delete("k");
    expect(lru.bytes).toBe(0);
  });

  it("forgets entries after their time to live", () => {
    let now = 0;
    const lru = sized(100, 1000, () => now);
    lru.set("k", "v");
    now = 999;
    expect(lru.get("k")).toBe("v");
    now = 1999;
    expect(lru.get("k")).toBeUndefined();
    expect(lru.bytes).toBe(0);
  });
});
