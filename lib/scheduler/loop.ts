import "server-only";
import { newWorkerId } from "./context";
import { formatReport, isEmptyReport, type PassOptions, runSchedulerPass } from "./run-pass";

export type SchedulerHandle = { workerId: string; stop: () => Promise<void> };

/**
 * Runs a pass now and then every `intervalMs`, until stopped. A failed pass is logged and the
 * next one tries again. `stop` waits for a pass in progress to finish, so that a shutdown does
 * not cut a delivery between its send and its record.
 */
export function startScheduler(options: { intervalMs: number; log?: (line: string) => void; pass?: Omit<PassOptions, "now" | "dryRun" | "workerId"> }): SchedulerHandle {
  const workerId = newWorkerId();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    running = runSchedulerPass({ ...options.pass, workerId })
      .then((report) => {
        if (!isEmptyReport(report)) log(formatReport(report));
      })
      .catch((error: unknown) => log(`scheduler pass failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  tick();

  return {
    workerId,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
