import "server-only";
import { env } from "../env";
import { type SchedulerHandle, startScheduler } from "./loop";

// The scheduler inside a server process. `latchkey start` (cli/serve.ts) starts it and stops
// it on shutdown; under `next dev`, Next's instrumentation hook (instrumentation.ts) does. A
// dev server evaluates modules again on every change (HMR), so a module-level flag would start
// a second loop: the running one is kept on globalThis, which lives as long as the process.

const RUNNING = Symbol.for("latchkey.scheduler.in-process");
type Holder = { [RUNNING]?: SchedulerHandle };

/** Starts the scheduler once per process, unless LATCHKEY_SCHEDULER=off; later calls get the running one. */
export function startInProcessScheduler(): SchedulerHandle | undefined {
  if (env().LATCHKEY_SCHEDULER !== "on") return undefined;
  const holder = globalThis as Holder;
  holder[RUNNING] ??= startScheduler({ intervalMs: env().LATCHKEY_SCHEDULER_INTERVAL_SECONDS * 1000 });
  return holder[RUNNING];
}
