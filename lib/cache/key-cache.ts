import "server-only";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "../db/availability";
import type { MaybePromise } from "../maybe-async";
import { processSingleton } from "../registry";
import { MemoryLru } from "./lru";

// The verification cache: records looked up by key hash, for project keys and app keys alike.
// Misses are cached too, in a separate and smaller budget, so that random keys cannot flood
// the database nor push real keys out. Every change to a key evicts it here, and on every
// other instance through lib/cache/invalidation.ts.
//
// When the cache may answer (the README's "Verification through a database outage"):
// - The change feed is live (PostgreSQL: the LISTEN connection is up and has caught up with the
//   change log; SQLite: always): a fresh entry answers from memory.
// - The feed is down: the cache may have missed a change, so every read goes to the database,
//   and an entry answers only if the database cannot be reached either.
// - The database cannot be reached: an entry answers, even past its time to live, for at most
//   LATCHKEY_STALE_IF_ERROR_SECONDS (60) from the moment the feed went down or the first failed
//   load, whichever came first. Anything else throws DatabaseUnavailableError (a 503). After a
//   failed load, the next loads within BREAKER_MS do not try the database again.

const MB = 1024 * 1024;
const TTL_MS = 30_000; // a bound on staleness should an invalidation ever be lost
// From the process registry: Next's bundle and the custom server's module graph each load this
// module, and share one cache (below), so a miss stored by one must read as a miss in the
// other. A module-local Symbol() would read there as a record without fields.
const MISS: unique symbol = processSingleton("key-cache.miss", () => Symbol("miss")) as never;
const BREAKER_MS = 250;

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
  /** Whether every change since the entries were loaded has reached this cache. */
  feedLive: boolean;
  /** When the feed went down (epoch ms). */
  feedDownSince: number;
  /** The first failed load since the last one that worked (epoch ms), or null. */
  failingSince: number | null;
  /** No load tries the database before this (epoch ms): it just failed. */
  breakerUntil: number;
  staleMs: number;
  outage: { staleAnswers: number; unavailable: number };
};

/** The change feed went down (since `at`, epoch ms) or is live again. */
export type FeedChange = { feed: "down"; at: number } | { feed: "live" };
/** The hashes evicted, "all" when the cache was emptied, or a change of the feed's state. */
export type Eviction = readonly string[] | "all" | FeedChange;

function createState(): State {
  const budget = Number(process.env.LATCHKEY_VERIFY_CACHE_MB ?? 64) * MB;
  return {
    hits: new MemoryLru<Stored>(budget * 0.9, TTL_MS, estimateBytes),
    misses: new MemoryLru<Stored>(budget * 0.1, TTL_MS, estimateBytes),
    loading: new Map(),
    epoch: 0,
    stats: { hits: 0, misses: 0, loads: 0, evictions: 0, flushes: 0 },
    listeners: new Set(),
    feedLive: true,
    feedDownSince: 0,
    failingSince: null,
    breakerUntil: 0,
    staleMs: Number(process.env.LATCHKEY_STALE_IF_ERROR_SECONDS ?? 60) * 1000,
    outage: { staleAnswers: 0, unavailable: 0 },
  };
}

// One cache per process, shared by Next's bundle and the custom server's module graph.
const state: State = processSingleton("key-cache", createState);

/** The cached record (null for a cached miss), or undefined when the cache does not know or may not answer now. */
export function peekCached<T extends object>(hash: string): T | null | undefined {
  state.catchUp?.();
  const entry = state.hits.peek(hash) ?? state.misses.peek(hash);
  if (entry === undefined || !entry.fresh || !state.feedLive) return undefined;
  state.stats.hits++;
  return entry.value === MISS ? null : (entry.value as T);
}

/**
 * The record for `hash`: from the cache at once (no promise) while it may answer, else from
 * `load`. A load that raced with an eviction (the epoch moved while it ran) is returned but not
 * kept, so a stale row is never cached. When the database cannot be reached, the entry answers
 * within the stale window (see the top of this file), or DatabaseUnavailableError is thrown.
 */
export function cachedLookup<T extends object>(hash: string, load: () => Promise<T | null>): MaybePromise<T | null> {
  const cached = peekCached<T>(hash);
  if (cached !== undefined) return cached;
  if (Date.now() < state.breakerUntil) return fallBack<T>(hash);
  return loadIntoCache(hash, load).then(
    (value) => {
      state.failingSince = null;
      return value;
    },
    (error: unknown) => {
      if (!isDatabaseUnavailable(error)) throw error;
      const now = Date.now();
      state.failingSince ??= now;
      state.breakerUntil = now + BREAKER_MS;
      return fallBack<T>(hash);
    },
  );
}

/** The entry, however old, while the outage is younger than the stale window; else a 503. */
function fallBack<T extends object>(hash: string): T | null {
  const now = Date.now();
  const since = Math.min(state.feedLive ? now : state.feedDownSince, state.failingSince ?? now);
  const entry = state.hits.peek(hash) ?? state.misses.peek(hash);
  if (entry !== undefined && now - since <= state.staleMs) {
    state.outage.staleAnswers++;
    return entry.value === MISS ? null : (entry.value as T);
  }
  state.outage.unavailable++;
  throw new DatabaseUnavailableError(entry === undefined ? "The database cannot be reached, and this key is not cached." : "The database has been unreachable for longer than the stale window.");
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

/**
 * The change feed went down: the cache keeps its entries, but answers from them only when the
 * database cannot be reached (within the stale window), until feedLive().
 */
export function feedDown(at = Date.now()): void {
  if (!state.feedLive) return;
  state.feedLive = false;
  state.feedDownSince = at;
  state.epoch++; // a load that started before may carry a row the feed will never correct
  for (const listener of state.listeners) listener({ feed: "down", at });
}

/** The change feed is live again and has caught up: the cache answers from memory again. */
export function feedLive(): void {
  if (state.feedLive) return;
  state.feedLive = true;
  for (const listener of state.listeners) listener({ feed: "live" });
}

/** Applies an eviction or feed change made on another thread (lib/front/thread.ts). */
export function applyEviction(evicted: Eviction): void {
  if (evicted === "all") evictAll();
  else if (Array.isArray(evicted)) evictLocal(evicted);
  else if ("feed" in evicted && evicted.feed === "down") feedDown(evicted.at);
  else feedLive();
}

export function feedState(): FeedChange {
  return state.feedLive ? { feed: "live" } : { feed: "down", at: state.feedDownSince };
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
  return { ...state.stats, ...state.outage, feedLive: state.feedLive, entries: state.hits.size, missEntries: state.misses.size, bytes: state.hits.bytes + state.misses.bytes };
}

/** For tests: the stale window, in milliseconds. */
export function setStaleWindowForTests(ms: number): void {
  state.staleMs = ms;
  state.failingSince = null;
  state.breakerUntil = 0;
}
