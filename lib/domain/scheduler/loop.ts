import "server-only";
import { newWorkerId } from "./context";
import { DeliveryLane } from "./delivery-lane";
import { formatDelivery, formatReport, isEmptyReport, type PassOptions, runSchedulerPass } from "./run-pass";

/** How long `stop` waits for the pass and the sends in progress by default: as long as one send's timeout. */
export const STOP_TIMEOUT_MS = 10_000;

export type StopResult = {
  /** Everything in progress finished and was recorded in time. */
  finished: boolean;
  /** Sends still running at the deadline: their leases run out (60 s) and another worker sends them again. */
  abandoned: number;
};

export type SchedulerHandle = { workerId: string; stop: (timeoutMs?: number) => Promise<StopResult> };

type LoopOptions = {
  intervalMs: number;
  log?: (line: string) => void;
  pass?: Omit<PassOptions, "now" | "clock" | "dryRun" | "workerId" | "deliver">;
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a pass now and then every `intervalMs`, until stopped: rotations, notices and wiping.
 * Webhooks go out beside the passes, in a delivery lane of their own that looks for due
 * messages every `intervalMs` and after each pass, so a slow receiver never holds a rotation
 * back. A failed pass is logged and the next one tries again. `stop` takes no new work, and
 * waits up to `timeoutMs` for the pass and the sends in progress, so that a shutdown does not
 * cut a delivery between its send and its record.
 */
export function startScheduler(options: LoopOptions): SchedulerHandle {
  const workerId = newWorkerId();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const pass = options.pass ?? {};
  const lane = new DeliveryLane(
    { workerId, leaseMs: pass.leaseMs ?? 60_000, send: pass.send ?? {}, random: pass.random ?? Math.random, clock: () => new Date() },
    {
      refill: true,
      onEntry: (entry) => log(`webhook ${formatDelivery(entry)}`),
      onError: (error) => log(`webhook delivery failed: ${messageOf(error)}`),
    },
  );
  const deliver = () => void lane.fill().catch((error: unknown) => log(`webhook delivery failed: ${messageOf(error)}`));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    running = runSchedulerPass({ ...pass, workerId, deliver: false })
      .then((report) => {
        if (!isEmptyReport(report)) log(formatReport(report));
        // The webhooks this pass wrote go out now, not at the next poll.
        if (!stopped) deliver();
      })
      .catch((error: unknown) => log(`scheduler pass failed: ${messageOf(error)}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  tick();
  deliver();
  const poll = setInterval(deliver, options.intervalMs);

  return {
    workerId,
    async stop(timeoutMs = STOP_TIMEOUT_MS) {
      stopped = true;
      clearTimeout(timer);
      clearInterval(poll);
      lane.stop();
      let deadline: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        Promise.all([running, lane.idle()]).then(() => true),
        new Promise<boolean>((resolve) => (deadline = setTimeout(() => resolve(false), timeoutMs))),
      ]);
      clearTimeout(deadline);
      if (finished) return { finished, abandoned: 0 };
      const abandoned = await lane.releaseUnsent().catch(() => lane.inFlight);
      return { finished, abandoned };
    },
  };
}
