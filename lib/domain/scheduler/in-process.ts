import "server-only";
import { env } from "../../core/env";
import { processSlot } from "../../core/registry";
import { type SchedulerHandle, startScheduler } from "./loop";

// The scheduler inside a server process. `latchkey start` (cli/serve.ts) starts it and stops
// it on shutdown; under `next dev`, Next's instrumentation hook (instrumentation.ts) does. A
// dev server evaluates modules again on every change (HMR), so a module-level flag would start
// a second loop: the running one is kept in the process registry.

const running = processSlot<SchedulerHandle>("scheduler");

/** Starts the scheduler once per process, unless LATCHKEY_SCHEDULER=off; later calls get the running one. */
export function startInProcessScheduler(): SchedulerHandle | undefined {
  if (env().LATCHKEY_SCHEDULER !== "on") return undefined;
  let handle = running.get();
  if (!handle) running.set((handle = startScheduler({ intervalMs: env().LATCHKEY_SCHEDULER_INTERVAL_SECONDS * 1000 })));
  return handle;
}
