import "server-only";
import type { LimitCheck, LimitVerdict } from "../../core/limits";
import { DomainError } from "../../core/errors";
import { type MessagePort, receiveMessageOnPort } from "node:worker_threads";
import { createVerifier, type Verifier } from "../api/verifier";
import type { Eviction } from "../../platform/cache/key-cache";
import { DatabaseUnavailableError } from "../../platform/db/availability";
import type { LookupBackend } from "../../platform/db/lookup";
import { env } from "../../core/env";
import { isEmpty, type UsageBuffer } from "../../domain/keys/usage-buffer";
import type { FrontData, ToFront, ToMain } from "./protocol";
import type { ChangePage } from "../api/change-stream";
import type { DatabaseReadiness } from "../../platform/db/readiness";
import type { MetricsJson } from "../../platform/metrics";

// The front thread's side of its bridge to the main thread (see lib/http/front/protocol.ts).

type Pending = { resolve: (row: unknown) => void; reject: (error: Error) => void };

export type MainThread = {
  /** This thread's verifier: lookups, usage and evictions go through the main thread. */
  verifier: Verifier;
  /** Hands the usage buffer to the main thread now (on shutdown). */
  handOverUsage(): void;
  /** Resolves once no lookup is waiting for the main thread, or after `timeoutMs`. */
  lookupsSettled(timeoutMs: number): Promise<void>;
  /** Called with the main thread's stop request. */
  onStop(handler: (graceMs: number) => void): void;
  post(message: ToMain): void;
  /** The change log after `after` for one app, and its bounds, read on the main thread. */
  changes(appId: string, after: number, limit: number): Promise<ChangePage>;
  /** The main thread's metrics, for a scrape. */
  metrics(): Promise<MetricsJson>;
  /** The database's readiness checks, run on the main thread. */
  readiness(): Promise<DatabaseReadiness>;
  /** Subscribes to the main thread's "something changed" notices. */
  onChanged(listener: () => void): () => void;
};

/** Builds this thread's verifier on bridges to the main thread: its lookups, its usage writes and its evictions. */
export function joinMainThread(parent: MessagePort, data: FrontData): MainThread {
  const post = (message: ToMain) => parent.postMessage(message);

  const pending = new Map<number, Pending>();
  let lastId = 0;
  const ask = (message: (id: number) => ToMain) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++lastId;
      pending.set(id, { resolve, reject });
      post(message(id));
    });
  const lookup: LookupBackend = (sql, params) => ask((id) => ({ type: "lookup", id, sql, params }));
  const limits = (check: LimitCheck) => ask((id) => ({ type: "limits", id, check })) as Promise<LimitVerdict>;
  const changes = (appId: string, after: number, limit: number) =>
    ask((id) => ({ type: "changes", id, appId, after, limit })) as Promise<ChangePage>;
  const changed = new Set<() => void>();

  const handOver = (usage: UsageBuffer) => {
    const batch = usage.take();
    if (isEmpty(batch)) return;
    post({ type: "usage", batch });
    usage.noteWritten(batch);
  };

  // Evictions made on the main thread: applied before every read of this thread's cache.
  const posted = new Int32Array(data.evictionCount);
  let applied = 0;
  const catchUp = () => {
    const count = Atomics.load(posted, 0);
    if (count === applied) return;
    applied = count; // read before taking: anything posted later is counted again next time
    for (let message = receiveMessageOnPort(data.evictions); message; message = receiveMessageOnPort(data.evictions))
      verifier.cache.apply(message.message as Eviction);
  };
  // (catchUp runs on reads, never while the verifier is being made.)
  const verifier: Verifier = createVerifier({
    lookup,
    limits,
    usageSink: async (usage) => handOver(usage),
    evictions: catchUp,
    cache: { budgetMb: env().LATCHKEY_VERIFY_CACHE_MB, staleMs: env().LATCHKEY_STALE_IF_ERROR_SECONDS * 1000 },
  });
  // A thread that reads nothing for a while still takes its messages, so that they never pile up.
  setInterval(catchUp, 1_000).unref();

  let stop: ((graceMs: number) => void) | undefined;
  parent.on("message", (message: ToFront) => {
    if (message.type === "stop") return stop?.(message.graceMs);
    if (message.type === "changed") {
      // The eviction it announces is applied first, so that a stream never reports a change the cache still holds.
      catchUp();
      for (const listener of changed) listener();
      return;
    }
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined)
      waiting?.reject(
        message.code
          ? new DomainError(message.code, message.error)
          : message.unavailable
            ? new DatabaseUnavailableError(message.error)
            : new Error(message.error),
      );
    else waiting?.resolve(message.row);
  });

  const lookupsSettled = async (timeoutMs: number) => {
    for (const deadline = Date.now() + timeoutMs; pending.size > 0 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 10));
  };

  const onChanged = (listener: () => void) => {
    changed.add(listener);
    return () => void changed.delete(listener);
  };
  return {
    verifier,
    handOverUsage: () => handOver(verifier.usage),
    lookupsSettled,
    onStop: (handler) => (stop = handler),
    post,
    changes,
    readiness: () => ask((id) => ({ type: "ready", id })) as Promise<DatabaseReadiness>,
    metrics: () => ask((id) => ({ type: "metrics", id })) as Promise<MetricsJson>,
    onChanged,
  };
}
