import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The CLI beside a running server on one SQLite file: the server writes all the time, and a
// CLI command that writes must wait for SQLite's write lock rather than fail with "database is
// locked". A second process stands in for the server: it writes in short transactions, back
// to back, holding the lock most of the time, for as long as the commands run.

const root = path.resolve(import.meta.dirname, "../../..");
const file = path.join(mkdtempSync(path.join(tmpdir(), "latchkey-cli-lock-")), "cli.db");
const env = { ...process.env, DATABASE_URL: `file:${file}`, LATCHKEY_SECRET: "cli-write-lock-test-secret-0123456789" };
const tsx = createRequire(import.meta.url).resolve("tsx");

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", tsx, "--import", "./cli/register.mjs", "cli/main.ts", ...args], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Another process that keeps the write lock: transactions of `holdMs`, with `gapMs` between them. */
async function busyWriter(holdMs: number, gapMs: number) {
  const script = `
    const Database = require("better-sqlite3");
    const sqlite = new Database(${JSON.stringify(file)}, { timeout: 10000 });
    const insert = sqlite.prepare("INSERT INTO Team (id, name, slug, createdAt) VALUES (?, 'Busy', ?, 0)");
    const pause = new Int32Array(new SharedArrayBuffer(4));
    let n = 0, stop = false;
    process.stdin.once("data", () => (stop = true));
    const step = () => {
      if (stop) { sqlite.close(); process.stdout.write("commits " + n + "\\n"); process.exit(0); }
      sqlite.exec("BEGIN IMMEDIATE");
      insert.run("team_busy" + n, "busy-" + n);
      Atomics.wait(pause, 0, 0, ${holdMs}); // holds the lock without using the CPU
      sqlite.exec("COMMIT");
      if (++n === 1) process.stdout.write("writing\\n");
      setTimeout(step, ${gapMs});
    };
    step();
  `;
  const child = spawn(process.execPath, ["-e", script], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const waitFor = async (pattern: RegExp) => {
    while (!pattern.test(out)) await new Promise((r) => setTimeout(r, 10));
    return pattern.exec(out)!;
  };
  await waitFor(/writing/);
  return {
    /** Stops it and returns how many transactions it committed. */
    async stop(): Promise<number> {
      child.stdin.write("stop\n");
      return Number((await waitFor(/commits (\d+)/))[1]);
    },
  };
}

let writer: Awaited<ReturnType<typeof busyWriter>> | undefined;
beforeAll(() => {
  const migrated = cli("migrate");
  expect(migrated.status, migrated.stderr).toBe(0);
}, 120_000); // the migration engine starts in a process of its own: slow on a busy machine
afterAll(async () => {
  await writer?.stop();
});

describe("CLI commands on a SQLite file that another process keeps writing", () => {
  it("wait for the write lock: bootstrap, webhook-secret, worker --once and migrate all succeed", async () => {
    writer = await busyWriter(20, 2);
    const bootstrapped = cli("bootstrap", "--team", "Locked", "--app", "Locked app", "--project", "Locked project", "--json");
    expect(bootstrapped.status, bootstrapped.stderr).toBe(0);
    const { project_id: projectId } = JSON.parse(bootstrapped.stdout) as { project_id: string };

    const first = cli("webhook-secret", "--project", projectId, "--json");
    expect(first.status, first.stderr).toBe(0);
    // Rotating reads the current secret, then writes: the case that failed at once before.
    const second = cli("webhook-secret", "--project", projectId, "--json");
    expect(second.status, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      project_id: projectId,
      secret: expect.stringMatching(/^whsec_/),
      previous_secret_expires_at: expect.any(String),
    });

    const pass = cli("worker", "--once", "--json");
    expect(pass.status, pass.stderr).toBe(0);
    const migrate = cli("migrate");
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain("up to date");

    // The other process really was writing the whole time, and its writes are all there.
    const commits = await writer.stop();
    writer = undefined;
    expect(commits).toBeGreaterThan(50);
    const Database = (await import("better-sqlite3")).default;
    const sqlite = new Database(file, { readonly: true });
    expect((sqlite.prepare("SELECT count(*) AS n FROM Team WHERE id LIKE 'team_busy%'").get() as { n: number }).n).toBe(commits);
    sqlite.close();
  }, 120_000);
});
