#!/usr/bin/env node
// The `latchkey` command. `start` runs the server from a bundle built on the spot
// (cli/bundle.mjs); the other commands run cli/main.ts under tsx, with "server-only" resolved
// to an empty module (cli/register.mjs), so the same lib/ modules the web server uses load here too.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [command, ...rest] = process.argv.slice(2);

let args;
if (command === "start") {
  const { bundleServer } = await import("../cli/bundle.mjs");
  const { nodeArgs } = await bundleServer(root).catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
  args = [...nodeArgs, command, ...rest];
} else {
  const tsx = createRequire(import.meta.url).resolve("tsx");
  args = ["--import", tsx, "--import", path.join(root, "cli", "register.mjs"), path.join(root, "cli", "main.ts"), ...process.argv.slice(2)];
}

const child = spawn(process.execPath, args, { stdio: "inherit", cwd: process.cwd(), env: process.env });
// A process manager signals this process: pass it on, so the server can stop gracefully.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGTERM" || signal === "SIGINT" ? 0 : 1)));
