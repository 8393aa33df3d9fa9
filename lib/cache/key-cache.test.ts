import { describe, expect, it, vi } from "vitest";
import { cachedLookup, cacheStats, evictAll, evictLocal } from "./key-cache";

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe("cachedLookup", () => {
  it("loads a key once, however many requests ask for it at the same time", async () => {
    evictAll();
    let loads = 0;
    const gate = deferred<{ id: string }>();
    const load = () => {
      loads++;
      return gate.promise;
    };
    const answers = Promise.all(Array.from({ length: 50 }, () => cachedLookup("h1", load)));
    gate.resolve({ id: "key_1" });
    expect((await answers).every((a) => a?.id === "key_1")).toBe(true);
    expect(loads).toBe(1);
    expect(await cachedLookup("h1", load)).toEqual({ id: "key_1" });
    expect(loads).toBe(1);
  });

  it("caches misses too", async () => {
    let loads = 0;
    const load = async () => {
      loads++;
      return null;
    };
    await cachedLookup("unknown", load);
    await cachedLookup("unknown", load);
    expect(loads).toBe(1);
    expect(cacheStats().missEntries).toBeGreaterThan(0);
  });

  it("does not keep a load that raced with an eviction of its key", async () => {
    const gate = deferred<{ state: string }>();
    const stale = cachedLookup("h2", () => gate.promise);
    evictLocal(["h2"]); // the key changed while the old row was on its way
    gate.resolve({ state: "active" });
    expect(await stale).toEqual({ state: "active" });
    expect(await cachedLookup("h2", async () => ({ state: "revoked" }))).toEqual({ state: "revoked" });
  });
});

describe("two copies of the module (Next's bundle and the custom server's)", () => {
  it("share the cache, and a miss cached by one reads as a miss in the other", async () => {
    const hash = `shared-miss-${Math.random()}`;
    vi.resetModules();
    const first = await import("./key-cache");
    vi.resetModules();
    const second = await import("./key-cache");
    expect(first).not.toBe(second);
    expect(await first.cachedLookup(hash, async () => null)).toBeNull();
    expect(second.peekCached(hash)).toBeNull();
    expect(await second.cachedLookup(hash, async () => ({ unexpected: true }))).toBeNull();
  });
});
