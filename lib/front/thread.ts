import "server-only";
import { type MessagePort, receiveMessageOnPort } from "node:worker_threads";
import { applyEviction, catchUpBeforeReads, type Eviction } from "../cache/key-cache";
import { DatabaseUnavailableError } from "../db/availability";
import { routeLookups } from "../db/lookup";
import { flushBufferWith, isEmpty, noteWritten, takeBuffered } from "../keys/usage-buffer";
import type { FrontData, ToFront, ToMain } from "./protocol";

// The front thread's side of its bridge to the main thread (see lib/front/protocol.ts).

type Pending = { resolve: (row: unknown) => void; reject: (error: Error) => void };

export type MainThread = {
  /** Hands the usage buffer to the main thread now (on shutdown). */
  handOverUsage(): void;
  /** Resolves once no lookup is waiting for the main thread, or after `timeoutMs`. */
  lookupsSettled(timeoutMs: number): Promise<void>;
  /** Called with the main thread's stop request. */
  onStop(handler: (graceMs: number) => void): void;
  post(message: ToMain): void;
};

/** Wires this thread's cache, lookups and usage buffer to the main thread. */
export function joinMainThread(parent: MessagePort, data: FrontData): MainThread {
  const post = (message: ToMain) => parent.postMessage(message);

  const pending = new Map<number, Pending>();
  let lastId = 0;
  routeLookups(
    (sql, params) =>
      new Promise((resolve, reject) => {
        const id = ++lastId;
        pending.set(id, { resolve, reject });
        post({ type: "lookup", id, sql, params });
      }),
  );

  const handOverUsage = () => {
    const batch = takeBuffered();
    if (isEmpty(batch)) return;
    post({ type: "usage", batch });
    noteWritten(batch);
  };
  flushBufferWith(async () => handOverUsage());

  const posted = new Int32Array(data.evictionCount);
  let applied = 0;
  const catchUp = () => {
    const count = Atomics.load(posted, 0);
    if (count === applied) return;
    applied = count; // read before taking: anything posted later is counted again next time
    for (let message = receiveMessageOnPort(data.evictions); message; message = receiveMessageOnPort(data.evictions)) applyEviction(message.message as Eviction);
  };
  catchUpBeforeReads(catchUp);
  // A thread that reads nothing for a while still takes its messages, so that they never pile up.
  setInterval(catchUp, 1_000).unref();

  let stop: ((graceMs: number) => void) | undefined;
  parent.on("message", (message: ToFront) => {
    if (message.type === "stop") return stop?.(message.graceMs);
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiting?.reject(message.unavailable ? new DatabaseUnavailableError(message.error) : new Error(message.error));
    else waiting?.resolve(message.row);
  });

  const lookupsSettled = async (timeoutMs: number) => {
    for (const deadline = Date.now() + timeoutMs; pending.size > 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  return { handOverUsage, lookupsSettled, onStop: (handler) => (stop = handler), post };
}
