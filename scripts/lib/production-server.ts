// Starts `latchkey start` (the production build) on a free loopback port, for scripts that
// measure the real server: it migrates the database it is given, serves Next and, with no
// external identity provider configured, the local OpenID provider on port + 1000.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export type ProductionServer = {
  /** http://127.0.0.1:<port>, also the console's NEXTAUTH_URL. */
  url: string;
  port: number;
  child: ChildProcess;
  /** The server's stderr so far, for error messages. */
  log: () => string;
  /** SIGTERM, then SIGKILL to its process group after `graceMs`. Safe to call twice. */
  stop: (graceMs?: number) => Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/** A free port whose neighbour at +1000 (the local identity provider's) is free too. */
async function freePortPair(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await freePort();
    if (port + 1000 > 65535) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer()
        .once("error", () => resolve(false))
        .listen(port + 1000, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error("no free port pair (port and port + 1000) found");
}

export async function startProductionServer(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<ProductionServer> {
  const port = await freePortPair();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["bin/latchkey.mjs", "start"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      NEXTAUTH_URL: url,
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
    // Its own process group, so that stop() reaches the wrapper's child too.
    detached: true,
  });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 15_000): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
      if ((await Promise.race([exited, timer])) === "timeout" && child.pid) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
        await exited;
      }
    })();
    return stopping;
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server exited early (${child.exitCode ?? child.signalCode}):\n${log}`);
    try {
      if ((await fetch(`${url}/v1/openapi.json`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer ${url}/v1/openapi.json in time:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, port, child, log: () => log, stop };
}
