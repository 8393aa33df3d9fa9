// A least-recently-used map bounded by an estimate of its memory, not by a count.
// Map keeps insertion order, so re-inserting on a hit makes the oldest entry the first.

export class MemoryLru<V> {
  #entries = new Map<string, { value: V; bytes: number; expiresAt: number }>();
  #bytes = 0;

  constructor(
    readonly maxBytes: number,
    readonly ttlMs: number,
    readonly sizeOf: (key: string, value: V) => number,
    readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.#bytes -= entry.bytes;
      return undefined;
    }
    this.#entries.set(key, entry);
    return entry.value;
  }

  /**
   * The entry for `key` with whether it is still within its time to live. Unlike `get`, an
   * expired entry is returned (and kept until it is replaced or pushed out): a caller may fall
   * back on it when it cannot load a fresh one.
   */
  peek(key: string): { value: V; fresh: boolean } | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const fresh = entry.expiresAt > this.now();
    if (fresh) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return { value: entry.value, fresh };
  }

  /** The value while it is within its time to live, else undefined; an expired entry is kept for peek(). No allocation: the hot path's read. */
  getFresh(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.expiresAt <= this.now()) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const bytes = this.sizeOf(key, value);
    if (bytes > this.maxBytes) return;
    this.#entries.set(key, { value, bytes, expiresAt: this.now() + this.ttlMs });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
}
