import { parseArgs } from "node:util";
import { z } from "zod";
import { disconnectDb } from "../lib/db";
import { env } from "../lib/env";
import { flushUsage } from "../lib/api/process-verifier";
import { startScheduler } from "../lib/scheduler/loop";
import { formatReport, runSchedulerPass } from "../lib/scheduler/run-pass";

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
  const { values } = parseArgs({ args, options: { once: { type: "boolean" }, at: { type: "string" }, "dry-run": { type: "boolean" }, json: { type: "boolean" } } });
  const parsed = workerArgsSchema.safeParse(values);
  if (!parsed.success) throw new WorkerUsageError(parsed.error.issues.map((i) => (i.path.length ? `--${i.path.join(".")}: ${i.message}` : i.message)).join("\n"));
  const options = parsed.data;

  if (options.once) {
    const report = await runSchedulerPass({ now: options.at ? new Date(options.at) : undefined, dryRun: options["dry-run"] });
    await disconnectDb();
    process.stdout.write(`${options.json ? JSON.stringify(report) : formatReport(report)}\n`);
    return;
  }

  const scheduler = startScheduler({ intervalMs: env().LATCHKEY_SCHEDULER_INTERVAL_SECONDS * 1000 });
  process.stderr.write(`Latchkey worker ${scheduler.workerId}: a pass every ${env().LATCHKEY_SCHEDULER_INTERVAL_SECONDS} s\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stderr.write(`${signal}: finishing the pass in progress\n`);
      resolve();
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
  await scheduler.stop();
  await flushUsage().catch(() => undefined);
  await disconnectDb();
}
