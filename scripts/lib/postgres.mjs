// Starts a throwaway PostgreSQL server on loopback for the tests, and stops it afterwards.
// Needs the server binaries (initdb, pg_ctl) on PATH; .ci/run installs them when missing.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const isRoot = process.getuid?.() === 0;

function run(command, args) {
  // initdb refuses to run as root, so as root the commands run as the postgres user.
  if (isRoot) {
    const line = [command, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
    return execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", line], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  }
  return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export function hasPostgres() {
  try {
    execFileSync("pg_ctl", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** @returns {{ url: (db: string) => string, createDatabase: (db: string) => void, stop: () => void, halt: () => void, resume: () => void }} */
export function startPostgres({ port = 55432 } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-U", "latchkey", "--auth=trust", "--encoding=UTF8", "--no-sync"]);
  const start = () =>
    run("pg_ctl", [
      "-D",
      data,
      "-w",
      "-l",
      path.join(dir, "log"),
      "-o",
      `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      "start",
    ]);
  start();
  const url = (db) => `postgresql://latchkey@127.0.0.1:${port}/${db}`;
  return {
    url,
    createDatabase(db) {
      run("psql", ["-h", "127.0.0.1", "-p", String(port), "-U", "latchkey", "-d", "postgres", "-c", `CREATE DATABASE "${db}"`]);
    },
    /** Stops the server but keeps its data, for a test of an outage; resume() starts it again. */
    halt() {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    },
    resume: start,
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
