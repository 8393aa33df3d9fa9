import type { MessagePort } from "node:worker_threads";
import type { LookupParam } from "../../platform/db/lookup";
import type { UsageBatch } from "../../domain/keys/usage-buffer";
import type { LimitCheck } from "../../core/limits";
import type { DomainErrorCode } from "../../core/errors";

// `latchkey start` runs two threads in one process. The front thread owns the public port: it
// answers POST /v1/api-keys/verify itself and passes every other request to Next on the main
// thread, over a private Unix socket. Verification so runs in an isolate of its own, free of
// what Next installs in its process (async hooks on every promise and socket, patched globals)
// and of its garbage: that costs the hot path a third of its throughput (see BENCHMARKS.md).
//
// The front thread holds no database client. What it needs of the main thread:
// - lookups: a cache miss asks the main thread for one row (lib/platform/db/lookup.ts);
// - usage: its buffered last_used_at and counters, handed over once a second (lib/domain/keys/usage-buffer.ts);
// - evictions: every key change the main thread evicts from its cache, the front evicts too,
//   before its next read (lib/platform/cache/key-cache.ts). They travel on a port of their own, with a
//   shared counter the front thread checks before every read, so that a verification that
//   starts after a revocation returned is never answered from the stale entry.

export type FrontOptions = {
  /** The public port and host the front thread listens on. */
  port: number;
  hostname?: string;
  /** The Unix socket on which Next serves the main thread's requests. */
  upstream: string;
  /** The migrations this build carries (GET /readyz compares them with the database's). */
  migrationsDir: string;
};

export type FrontData = FrontOptions & {
  evictions: MessagePort;
  /** An Int32Array's buffer: the number of evictions posted so far. */
  evictionCount: SharedArrayBuffer;
};

/** From the front thread to the main thread. */
export type ToMain =
  | { type: "listening" }
  | { type: "lookup"; id: number; sql: string; params: LookupParam[] }
  | { type: "usage"; batch: UsageBatch }
  // A key with rate limits or credits: the main thread's store decides (lib/platform/limits/store.ts), answered as a lookup-result.
  | { type: "limits"; id: number; check: LimitCheck }
  // A change stream's read of the change log (lib/http/api/change-stream.ts), answered as a lookup-result.
  | { type: "changes"; id: number; appId: string; after: number; limit: number }
  // GET /readyz: the database's checks (lib/platform/db/readiness.ts), answered as a lookup-result.
  | { type: "ready"; id: number }
  // GET /metrics: the main thread's metrics as JSON (lib/platform/metrics.ts), answered as a lookup-result.
  | { type: "metrics"; id: number }
  | { type: "stopped" };

/** From the main thread to the front thread. */
export type ToFront =
  | { type: "lookup-result"; id: number; row: unknown; error?: undefined }
  | { type: "lookup-result"; id: number; error: string; unavailable: boolean; code?: DomainErrorCode }
  | { type: "stop"; graceMs: number }
  // Something changed (an eviction was forwarded): change streams read the log now.
  | { type: "changed" };
