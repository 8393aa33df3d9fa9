import { describe, expect, it, vi } from "vitest";
import { DatabaseUnavailableError } from "../db/availability";
import { KeyCache } from "./key-cache";

const cache = new KeyCache();
const cachedLookup = <T extends object>(hash: string, load: () => Promise<T | null>) => cache.lookup(hash, load);
const cacheStats = () => cache.stats();
const evictAll = () => cache.evictAll();
const evictLocal = (hashes: string[]) => cache.evict(hashes);
const feedDown = () => cache.feedDown();
const feedLive = () => cache.feedLive();
const setStaleWindowForTests = (ms: number) => cache.setStaleWindowForTests(ms);

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

describe("two copies of the modules (Next's bundle and the custom server's)", () => {
  it("share the process's one verifier and cache, and a miss cached by one reads as a miss in the other", async () => {
    const hash = `shared-miss-${Math.random()}`;
    vi.resetModules();
    const first = await import("../../http/api/process-verifier");
    vi.resetModules();
    const second = await import("../../http/api/process-verifier");
    expect(first).not.toBe(second);
    expect(await first.processVerifier().cache.lookup(hash, async () => null)).toBeNull();
    expect(second.processVerifier().cache.peek(hash)).toBeNull();
    expect(await second.processVerifier().cache.lookup(hash, async () => ({ unexpected: true }))).toBeNull();
  });
});

describe("cachedLookup through a database outage", () => {
  const unreachable = () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300)); // past the breaker

  it("answers from memory only while the feed is live; while it is down every read goes to the database", async () => {
    evictAll();
    setStaleWindowForTests(60_000);
    let loads = 0;
    const load = async () => ({ id: `load_${++loads}` });
    await cachedLookup("feed", load);
    expect(cachedLookup("feed", load)).toEqual({ id: "load_1" }); // a hit, no promise
    feedDown();
    try {
      expect(await cachedLookup("feed", load)).toEqual({ id: "load_2" });
      expect(await cachedLookup("feed", load)).toEqual({ id: "load_3" });
    } finally {
      feedLive();
    }
    expect(cachedLookup("feed", load)).toEqual({ id: "load_3" });
  });

  it("falls back on a cached entry, valid or miss, when the database cannot be reached, but not on a key it never saw", async () => {
    evictAll();
    setStaleWindowForTests(60_000);
    await cachedLookup("known", async () => ({ id: "known" }));
    await cachedLookup("absent", async () => null);
    feedDown();
    try {
      expect(await cachedLookup("known", unreachable)).toEqual({ id: "known" });
      expect(await cachedLookup("absent", unreachable)).toBeNull();
      await expect((async () => cachedLookup("never-seen", unreachable))()).rejects.toBeInstanceOf(DatabaseUnavailableError);
      expect(cacheStats().staleAnswers).toBeGreaterThanOrEqual(2);
    } finally {
      feedLive();
    }
  });

  it("stops falling back once the outage is older than the stale window", async () => {
    evictAll();
    setStaleWindowForTests(200);
    await cachedLookup("aging", async () => ({ id: "aging" }));
    feedDown();
    try {
      expect(await cachedLookup("aging", unreachable)).toEqual({ id: "aging" });
      await settle();
      await expect((async () => cachedLookup("aging", unreachable))()).rejects.toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      feedLive();
      setStaleWindowForTests(60_000);
    }
  });

  it("does not try the database again for a moment after it failed, and does not hide other errors", async () => {
    evictAll();
    setStaleWindowForTests(60_000);
    await cachedLookup("breaker", async () => ({ id: "breaker" }));
    feedDown();
    try {
      let attempts = 0;
      const counting = () => {
        attempts++;
        return unreachable();
      };
      await cachedLookup("breaker", counting);
      await cachedLookup("breaker", counting);
      await cachedLookup("breaker", counting);
      expect(attempts).toBe(1);
      await settle();
      await expect(cachedLookup("breaker", () => Promise.reject(new Error("syntax error at or near")))).rejects.toThrow("syntax error");
    } finally {
      feedLive();
    }
  });

  it("answers past an entry's time to live while the database cannot be reached, counted from the first failure", async () => {
    evictAll();
    setStaleWindowForTests(60_000);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      await cachedLookup("old", async () => ({ id: "old" }));
      vi.setSystemTime(Date.now() + 31_000); // past the 30 s time to live, feed still live
      expect(await cachedLookup("old", unreachable)).toEqual({ id: "old" });
    } finally {
      vi.useRealTimers();
    }
  });
});
