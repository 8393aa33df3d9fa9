import "server-only";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "../db/availability";
import type { MaybePromise } from "../../core/maybe-async";
import { MemoryLru } from "./lru";

// The verification cache: records looked up by key hash, for project keys and app keys alike.
// Misses are cached too, in a separate and smaller budget, so that random keys cannot flood
// the database nor push real keys out. Every change to a key evicts it here, and on every
// other instance through lib/platform/cache/invalidation.ts.
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
const BREAKER_MS = 250;
// A cache is one object per process (lib/http/api/verifier.ts), so its own marker for a cached miss
// is the same for every copy of this module that reaches it through that object.
const MISS = Symbol("miss");

type Stored = object | typeof MISS;

function estimateBytes(key: string, value: Stored): number {
  // Strings cost about 2 bytes a character plus headers; objects about 40 bytes a field.
  if (value === MISS) return 96 + key.length * 2;
  let bytes = 160 + key.length * 2;
  for (const field of Object.values(value)) bytes += typeof field === "string" ? 40 + field.length * 2 : 40;
  // A record's parsed objects (a key's meta, its compiled allow-list) are estimated by whoever made it.
  const extra = (value as { extraBytes?: unknown }).extraBytes;
  return typeof extra === "number" ? bytes + extra : bytes;
}

/** The change feed went down (since `at`, epoch ms) or is live again. */
export type FeedChange = { feed: "down"; at: number } | { feed: "live" };
/** The hashes evicted, "all" when the cache was emptied, or a change of the feed's state. */
export type Eviction = readonly string[] | "all" | FeedChange;

export type KeyCacheOptions = {
  /** Memory budget, in MB (LATCHKEY_VERIFY_CACHE_MB). */
  budgetMb?: number;
  /** LATCHKEY_STALE_IF_ERROR_SECONDS, in milliseconds. */
  staleMs?: number;
  /** Applies evictions made on another thread, run before every read (the front thread's, lib/http/front/thread.ts). */
  catchUp?: () => void;
};

export class KeyCache {
  readonly #hits: MemoryLru<Stored>;
  readonly #misses: MemoryLru<Stored>;
  /** Loads in progress, so that a burst of requests for one key costs one query. */
  readonly #loading = new Map<string, Promise<object | null>>();
  #epoch = 0;
  readonly #stats = { hits: 0, misses: 0, loads: 0, evictions: 0, flushes: 0, staleAnswers: 0, unavailable: 0 };
  /** Told of every eviction (the front thread's copy is kept in step through one). */
  readonly #listeners = new Set<(evicted: Eviction) => void>();
  readonly #catchUp?: () => void;
  /** Whether every change since the entries were loaded has reached this cache. */
  #feedLive = true;
  /** When the feed went down (epoch ms). */
  #feedDownSince = 0;
  /** The first failed load since the last one that worked (epoch ms), or null. */
  #failingSince: number | null = null;
  /** No load tries the database before this (epoch ms): it just failed. */
  #breakerUntil = 0;
  #staleMs: number;

  constructor(options: KeyCacheOptions = {}) {
    const budget = (options.budgetMb ?? 64) * MB;
    this.#hits = new MemoryLru<Stored>(budget * 0.9, TTL_MS, estimateBytes);
    this.#misses = new MemoryLru<Stored>(budget * 0.1, TTL_MS, estimateBytes);
    this.#staleMs = options.staleMs ?? 60_000;
    this.#catchUp = options.catchUp;
  }

  /** The cached record (null for a cached miss), or undefined when the cache does not know or may not answer now. */
  peek<T extends object>(hash: string): T | null | undefined {
    this.#catchUp?.();
    if (!this.#feedLive) return undefined;
    const value = this.#hits.getFresh(hash) ?? this.#misses.getFresh(hash);
    if (value === undefined) return undefined;
    this.#stats.hits++;
    return value === MISS ? null : (value as T);
  }

  /**
   * The record for `hash`: from the cache at once (no promise) while it may answer, else from
   * `load`. A load that raced with an eviction (the epoch moved while it ran) is returned but not
   * kept, so a stale row is never cached. When the database cannot be reached, the entry answers
   * within the stale window (see the top of this file), or DatabaseUnavailableError is thrown.
   */
  lookup<T extends object>(hash: string, load: () => Promise<T | null>): MaybePromise<T | null> {
    const cached = this.peek<T>(hash);
    if (cached !== undefined) return cached;
    if (Date.now() < this.#breakerUntil) return this.#fallBack<T>(hash);
    return this.#load(hash, load).then(
      (value) => {
        this.#failingSince = null;
        return value;
      },
      (error: unknown) => {
        if (!isDatabaseUnavailable(error)) throw error;
        const now = Date.now();
        this.#failingSince ??= now;
        this.#breakerUntil = now + BREAKER_MS;
        return this.#fallBack<T>(hash);
      },
    );
  }

  /** The entry, however old, while the outage is younger than the stale window; else a 503. */
  #fallBack<T extends object>(hash: string): T | null {
    const now = Date.now();
    const since = Math.min(this.#feedLive ? now : this.#feedDownSince, this.#failingSince ?? now);
    const entry = this.#hits.peek(hash) ?? this.#misses.peek(hash);
    if (entry !== undefined && now - since <= this.#staleMs) {
      this.#stats.staleAnswers++;
      return entry.value === MISS ? null : (entry.value as T);
    }
    this.#stats.unavailable++;
    throw new DatabaseUnavailableError(
      entry === undefined
        ? "The database cannot be reached, and this key is not cached."
        : "The database has been unreachable for longer than the stale window.",
    );
  }

  async #load<T extends object>(hash: string, load: () => Promise<T | null>): Promise<T | null> {
    this.#stats.misses++;
    const pending = this.#loading.get(hash);
    if (pending) return (await pending) as T | null;
    const epoch = this.#epoch;
    const loading = load();
    this.#loading.set(hash, loading);
    try {
      const value = await loading;
      this.#stats.loads++;
      this.#catchUp?.();
      if (epoch === this.#epoch) {
        if (value === null) this.#misses.set(hash, MISS);
        else this.#hits.set(hash, value);
      }
      return value;
    } finally {
      if (this.#loading.get(hash) === loading) this.#loading.delete(hash);
    }
  }

  /** Drops these hashes. Call after the change has committed. */
  evict(hashes: readonly string[]): void {
    this.#epoch++;
    this.#stats.evictions++;
    for (const hash of hashes) {
      this.#hits.delete(hash);
      this.#misses.delete(hash);
      this.#loading.delete(hash);
    }
    this.#tell(hashes);
  }

  /** Drops everything: when invalidations may have been missed and cannot be read back. */
  evictAll(): void {
    this.#epoch++;
    this.#stats.flushes++;
    this.#hits.clear();
    this.#misses.clear();
    this.#loading.clear();
    this.#tell("all");
  }

  /**
   * The change feed went down: the cache keeps its entries, but answers from them only when the
   * database cannot be reached (within the stale window), until feedLive().
   */
  feedDown(at = Date.now()): void {
    if (!this.#feedLive) return;
    this.#feedLive = false;
    this.#feedDownSince = at;
    this.#epoch++; // a load that started before may carry a row the feed will never correct
    this.#tell({ feed: "down", at });
  }

  /** The change feed is live again and has caught up: the cache answers from memory again. */
  feedLive(): void {
    if (this.#feedLive) return;
    this.#feedLive = true;
    this.#tell({ feed: "live" });
  }

  /** Applies an eviction or feed change made on another thread (lib/http/front/thread.ts). */
  apply(evicted: Eviction): void {
    if (evicted === "all") this.evictAll();
    else if (Array.isArray(evicted)) this.evict(evicted);
    else if ("feed" in evicted && evicted.feed === "down") this.feedDown(evicted.at);
    else this.feedLive();
  }

  feedState(): FeedChange {
    return this.#feedLive ? { feed: "live" } : { feed: "down", at: this.#feedDownSince };
  }

  /** Calls `listener` after every eviction and feed change. Returns the function that stops it. */
  onEviction(listener: (evicted: Eviction) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #tell(evicted: Eviction): void {
    for (const listener of this.#listeners) listener(evicted);
  }

  stats() {
    const bytes = this.#hits.bytes + this.#misses.bytes;
    return { ...this.#stats, feedLive: this.#feedLive, entries: this.#hits.size, missEntries: this.#misses.size, bytes };
  }

  /** For tests: the stale window, in milliseconds, with the outage state reset. */
  setStaleWindowForTests(ms: number): void {
    this.#staleMs = ms;
    this.#failingSince = null;
    this.#breakerUntil = 0;
  }
}
