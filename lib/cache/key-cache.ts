import "server-only";
import type { MaybePromise } from "../maybe-async";
import { MemoryLru } from "./lru";

// The verification cache: records looked up by key hash, for project keys and app keys alike.
// Misses are cached too, in a separate and smaller budget, so that random keys cannot flood
// the database nor push real keys out. Every change to a key evicts it here, and on every
// other instance through lib/cache/invalidation.ts.

const MB = 1024 * 1024;
const TTL_MS = 30_000; // a bound on staleness should an invalidation ever be lost
// From the global symbol registry: Next's bundle and the custom server's module graph each
// load this module, and share one cache (below), so a miss stored by one must read as a miss
// in the other. A module-local Symbol() would read there as a record without fields.
const MISS = Symbol.for("latchkey.key-cache.miss");

type Stored = object | typeof MISS;

function estimateBytes(key: string, value: Stored): number {
  // Strings cost about 2 bytes a character plus headers; objects about 40 bytes a field.
  if (value === MISS) return 96 + key.length * 2;
  let bytes = 160 + key.length * 2;
  for (const field of Object.values(value)) bytes += typeof field === "string" ? 40 + field.length * 2 : 40;
  return bytes;
}

type State = {
  hits: MemoryLru<Stored>;
  misses: MemoryLru<Stored>;
  /** Loads in progress, so that a burst of requests for one key costs one query. */
  loading: Map<string, Promise<object | null>>;
  epoch: number;
  stats: { hits: number; misses: number; loads: number; evictions: number; flushes: number };
  /** Told of every eviction (the front thread's copy of this cache is kept in step through one). */
  listeners: Set<(evicted: Eviction) => void>;
  /** Applies evictions made on another thread, before every read (lib/front/thread.ts). */
  catchUp?: () => void;
};

/** The hashes evicted, or "all" when the cache was emptied. */
export type Eviction = readonly string[] | "all";

function createState(): State {
  const budget = Number(process.env.LATCHKEY_VERIFY_CACHE_MB ?? 64) * MB;
  return {
    hits: new MemoryLru<Stored>(budget * 0.9, TTL_MS, estimateBytes),
    misses: new MemoryLru<Stored>(budget * 0.1, TTL_MS, estimateBytes),
    loading: new Map(),
    epoch: 0,
    stats: { hits: 0, misses: 0, loads: 0, evictions: 0, flushes: 0 },
    listeners: new Set(),
  };
}

// One cache per process, shared by Next's bundle and the custom server's module graph.
const globalForCache = globalThis as unknown as { latchkeyKeyCache?: State };
const state: State = (globalForCache.latchkeyKeyCache ??= createState());

/** The cached record (null for a cached miss), or undefined when the cache does not know. */
export function peekCached<T extends object>(hash: string): T | null | undefined {
  state.catchUp?.();
  const cached = state.hits.get(hash) ?? state.misses.get(hash);
  if (cached === undefined) return undefined;
  state.stats.hits++;
  return cached === MISS ? null : (cached as T);
}

/**
 * The record for `hash`: from the cache at once (no promise), or from `load`. A load that raced
 * with an eviction (the epoch moved while it ran) is returned but not kept, so a stale row is
 * never cached.
 */
export function cachedLookup<T extends object>(hash: string, load: () => Promise<T | null>): MaybePromise<T | null> {
  const cached = peekCached<T>(hash);
  return cached !== undefined ? cached : loadIntoCache(hash, load);
}

async function loadIntoCache<T extends object>(hash: string, load: () => Promise<T | null>): Promise<T | null> {
  state.stats.misses++;
  const pending = state.loading.get(hash);
  if (pending) return (await pending) as T | null;
  const epoch = state.epoch;
  const loading = load();
  state.loading.set(hash, loading);
  try {
    const value = await loading;
    state.stats.loads++;
    state.catchUp?.();
    if (epoch === state.epoch) {
      if (value === null) state.misses.set(hash, MISS);
      else state.hits.set(hash, value);
    }
    return value;
  } finally {
    if (state.loading.get(hash) === loading) state.loading.delete(hash);
  }
}

/** Drops these hashes from this process's cache. Call after the change has committed. */
export function evictLocal(hashes: readonly string[]): void {
  state.epoch++;
  state.stats.evictions++;
  for (const hash of hashes) {
    state.hits.delete(hash);
    state.misses.delete(hash);
    state.loading.delete(hash);
  }
  for (const listener of state.listeners) listener(hashes);
}

/** Drops everything: when invalidations may have been missed (a lost listener connection). */
export function evictAll(): void {
  state.epoch++;
  state.stats.flushes++;
  state.hits.clear();
  state.misses.clear();
  state.loading.clear();
  for (const listener of state.listeners) listener("all");
}

/** Calls `listener` after every eviction from this thread's cache. Returns the function that stops it. */
export function onEviction(listener: (evicted: Eviction) => void): () => void {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

/**
 * Runs `catchUp` before every read of the cache, and before a load's result is kept: the front
 * thread applies there, synchronously, the evictions the main thread has made, so that a read
 * after a revocation has returned never sees the revoked key.
 */
export function catchUpBeforeReads(catchUp: () => void): void {
  state.catchUp = catchUp;
}

export function cacheStats() {
  return { ...state.stats, entries: state.hits.size, missEntries: state.misses.size, bytes: state.hits.bytes + state.misses.bytes };
}
