import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import type { SchedulerReport } from "../../lib/domain/scheduler/run-pass";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Starts `latchkey worker --once --at <at> --json` in `count` processes on one database, lets
 * them all begin at the same moment, and returns each one's report.
 */
export async function runWorkersTogether(count: number, options: { databaseUrl: string; at: Date }): Promise<SchedulerReport[]> {
  const tsx = createRequire(import.meta.url).resolve("tsx");
  const children = Array.from({ length: count }, () => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        tsx,
        "--import",
        "./cli/register.mjs",
        "--import",
        "./test/helpers/worker-barrier.mjs",
        "cli/main.ts",
        "worker",
        "--once",
        "--at",
        options.at.toISOString(),
        "--json",
      ],
      { cwd: root, env: { ...process.env, DATABASE_URL: options.databaseUrl }, stdio: ["pipe", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const ready = new Promise<void>((resolve) =>
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes("ready\n")) resolve();
      }),
    );
    const exited = new Promise<SchedulerReport>((resolve, reject) =>
      child.once("exit", (code) =>
        code === 0 ? resolve(JSON.parse(stdout) as SchedulerReport) : reject(new Error(`worker exited with ${code}:\n${stderr}`)),
      ),
    );
    return { child, ready: Promise.race([ready, exited.then(() => undefined)]), exited };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const { child } of children) child.stdin.write("go\n");
  return Promise.all(children.map((c) => c.exited));
}

export type RunningWorker = {
  /** What it wrote to stderr so far. */
  log: () => string;
  signal: (signal: NodeJS.Signals) => void;
  /** Resolves with its exit code, or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Starts `latchkey worker` (passes until a signal stops it) and resolves once it has started. */
export async function startWorker(options: { databaseUrl: string; env?: Record<string, string> }): Promise<RunningWorker> {
  const tsx = createRequire(import.meta.url).resolve("tsx");
  const child = spawn(process.execPath, ["--import", tsx, "--import", "./cli/register.mjs", "cli/main.ts", "worker"], {
    cwd: root,
    env: { ...process.env, ...options.env, DATABASE_URL: options.databaseUrl },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const started = new Promise<void>((resolve) =>
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("Latchkey worker ")) resolve();
    }),
  );
  await Promise.race([started, exited.then(() => Promise.reject(new Error(`worker exited at start:\n${stderr}`)))]);
  return { log: () => stderr, signal: (signal) => child.kill(signal), exited };
}
