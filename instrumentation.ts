// Next calls register() once when a server starts. Under `next dev` it starts the scheduler
// (rotations, notices, webhook deliveries), which `latchkey start` otherwise starts itself
// (cli/serve.ts); lib/domain/scheduler/in-process.ts keeps either from starting a second one.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NODE_ENV !== "development") return;
  const { startInProcessScheduler } = await import("./lib/domain/scheduler/in-process");
  startInProcessScheduler();
}
