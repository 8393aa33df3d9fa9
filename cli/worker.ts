import { parseArgs } from "node:util";
import { z } from "zod";
import { disconnectDb } from "../lib/platform/db";
import { env } from "../lib/core/env";
import { flushUsage } from "../lib/http/api/process-verifier";
import { STOP_TIMEOUT_MS, startScheduler } from "../lib/domain/scheduler/loop";
import { formatReport, runSchedulerPass } from "../lib/domain/scheduler/run-pass";

// `latchkey worker`: the scheduler as its own process. With --once it runs one pass, as if at
// --at, and prints what it did (with --dry-run: what it would do, changing nothing). It does
// not migrate: several workers may start at once, and `latchkey start` or `latchkey migrate`
// owns the schema.

const workerArgsSchema = z
  .object({
    once: z.boolean().default(false),
    at: z.iso.datetime({ offset: true, message: "must be an ISO 8601 time such as 2030-01-31T12:00:00Z" }).optional(),
    "dry-run": z.boolean().default(false),
    json: z.boolean().default(false),
  })
  .refine((a) => a.once || (a.at === undefined && !a["dry-run"]), "--at and --dry-run need --once");

export class WorkerUsageError extends Error {}

export async function runWorker(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { once: { type: "boolean" }, at: { type: "string" }, "dry-run": { type: "boolean" }, json: { type: "boolean" } },
  });
  const parsed = workerArgsSchema.safeParse(values);
  if (!parsed.success)
    throw new WorkerUsageError(
      parsed.error.issues.map((i) => (i.path.length ? `--${i.path.join(".")}: ${i.message}` : i.message)).join("\n"),
    );
  const options = parsed.data;

  if (options.once) {
    const report = await runSchedulerPass({ now: options.at ? new Date(options.at) : undefined, dryRun: options["dry-run"] });
    await disconnectDb();
    process.stdout.write(`${options.json ? JSON.stringify(report) : formatReport(report)}\n`);
    return;
  }

  const scheduler = startScheduler({ intervalMs: env().LATCHKEY_SCHEDULER_INTERVAL_SECONDS * 1000 });
  process.stderr.write(`Latchkey worker ${scheduler.workerId}: a pass every ${env().LATCHKEY_SCHEDULER_INTERVAL_SECONDS} s\n`);
  await stopSignal();
  const { finished, abandoned } = await scheduler.stop(STOP_TIMEOUT_MS);
  if (!finished) {
    process.stderr.write(
      `stopped after ${STOP_TIMEOUT_MS / 1000} s; ${abandoned} webhook send(s) unfinished: their leases run out and another worker sends them again\n`,
    );
  }
  await Promise.race([flushUsage().catch(() => undefined), sleep(2_000)]);
  await Promise.race([disconnectDb().catch(() => undefined), sleep(2_000)]);
  // Sends cut off at the deadline may still hold sockets open: do not wait for them.
  process.exit(finished ? 0 : 1);
}

/**
 * Resolves at the first SIGTERM, SIGINT or SIGHUP. The handlers stay: `on`, not `once`, since
 * Ctrl-C reaches the worker from the terminal and again through bin/latchkey.mjs, and Node's
 * default for a second, unhandled signal would kill the worker mid-send.
 */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        process.stderr.write(`${signal}: already stopping (at most ${STOP_TIMEOUT_MS / 1000} s)\n`);
        return;
      }
      stopping = true;
      process.stderr.write(`${signal}: finishing the pass and the webhook sends in progress (at most ${STOP_TIMEOUT_MS / 1000} s)\n`);
      resolve();
    };
    for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, onSignal);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
