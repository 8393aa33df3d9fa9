import "server-only";
import { limitStore } from "../../platform/limits/store";
import { DomainError } from "../../core/errors";
import { MessageChannel, Worker } from "node:worker_threads";
import { processVerifier } from "../api/process-verifier";
import type { Eviction } from "../../platform/cache/key-cache";
import { isDatabaseUnavailable } from "../../platform/db/availability";
import { describeError, logLimited } from "../../core/log";
import { checkDatabase, firstRow, migrationNames } from "../../platform/db";
import { changesSince, logBounds } from "../../platform/cache/change-log";
import type { FrontData, FrontOptions, ToFront, ToMain } from "./protocol";
import { metricsJson } from "../../platform/metrics";
import { registerServerGauges } from "../api/metrics-endpoint";

// The main thread's side of the front thread (see lib/http/front/protocol.ts).

export type Front = {
  /** Stops accepting connections, lets requests in flight finish (up to `graceMs`), hands over the usage buffer, and ends the thread. */
  stop(graceMs: number): Promise<void>;
  /** Settles if the thread dies on its own: the server cannot serve without it. */
  died: Promise<Error>;
};

/** Starts the front thread from `entry` and resolves once it listens on the public port. */
export async function startFront(entry: URL, options: FrontOptions): Promise<Front> {
  const { port1: evictions, port2: frontEvictions } = new MessageChannel();
  const evictionCount = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const workerData: FrontData = { ...options, evictions: frontEvictions, evictionCount: evictionCount.buffer as SharedArrayBuffer };
  const worker = new Worker(entry, { workerData, transferList: [frontEvictions], env: process.env });
  const post = (message: ToFront) => worker.postMessage(message);

  // Post first, count second: when the front thread sees the count, the message is there to take.
  const { cache, usage } = processVerifier();
  const forward = (evicted: Eviction) => {
    evictions.postMessage(evicted);
    Atomics.add(evictionCount, 0, 1);
    post({ type: "changed" });
  };
  // The front thread starts where this thread's feed is (down until it first caught up, on PostgreSQL).
  forward(cache.feedState());
  const stopForwarding = cache.onEviction(forward);

  /** Answers one of the front thread's reads: its row, or why it failed (and whether the database was out of reach). */
  const answer = (id: number, read: Promise<unknown>) =>
    void read.then(
      (row) => post({ type: "lookup-result", id, row }),
      (error: unknown) =>
        post({
          type: "lookup-result",
          id,
          error: error instanceof Error ? error.message : String(error),
          unavailable: isDatabaseUnavailable(error),
          ...(error instanceof DomainError ? { code: error.code } : {}),
        }),
    );

  const migrations = migrationNames(options.migrationsDir);
  registerServerGauges();
  let stopped: (() => void) | undefined;
  const listening = new Promise<void>((resolve, reject) => {
    worker.on("message", (message: ToMain) => {
      switch (message.type) {
        case "listening":
          return resolve();
        case "lookup":
          return answer(message.id, firstRow(message.sql, message.params));
        case "limits":
          return answer(
            message.id,
            Promise.resolve().then(() => limitStore().check(message.check)),
          );
        case "changes":
          return answer(
            message.id,
            Promise.all([changesSince(message.appId, message.after, message.limit), logBounds()]).then(([changes, bounds]) => ({
              changes,
              ...bounds,
            })),
          );
        case "ready":
          return answer(message.id, checkDatabase(migrations));
        case "metrics":
          return answer(message.id, metricsJson());
        case "usage":
          usage.add(message.batch);
          return void usage
            .flush()
            .catch((error: unknown) =>
              logLimited("usage-flush-failed", "warn", { error: describeError(error) }, "usage flush failed: kept for the next one"),
            );
        case "stopped":
          return stopped?.();
      }
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the front thread exited (${code}) before it listened`)));
  });
  const died = new Promise<Error>((resolve) => {
    worker.once("error", resolve);
    worker.once("exit", (code) => resolve(new Error(`the front thread exited (${code})`)));
  });
  await listening;

  return {
    died,
    async stop(graceMs) {
      const done = new Promise<void>((resolve) => (stopped = resolve));
      post({ type: "stop", graceMs });
      // The front thread gives requests `graceMs`; a little more for its last message.
      await Promise.race([done, died, new Promise((resolve) => setTimeout(resolve, graceMs + 2_000).unref())]);
      stopForwarding();
      evictions.close();
      await worker.terminate();
    },
  };
}
