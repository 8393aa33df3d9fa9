import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateKey } from "../lib/core/crypto/key-secret";

// `latchkey scan` as a person or a pre-commit hook runs it: on a real git repository with a key
// committed once and removed since, and a string that only looks like a key.

const root = path.resolve(import.meta.dirname, "..");
const tsx = createRequire(import.meta.url).resolve("tsx");
const repo = mkdtempSync(path.join(tmpdir(), "latchkey-scan-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args], { cwd: repo, stdio: "pipe" });
const scan = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", tsx, "--import", "./cli/register.mjs", "cli/main.ts", "scan", ...args], {
    cwd: root,
    encoding: "utf8",
  });

const planted = generateKey("live").plaintext;
const lookalike = `${planted.slice(0, -1)}${planted.endsWith("A") ? "B" : "A"}`;
const staged = generateKey("test").plaintext;
const doubled = generateKey("live").plaintext;

git("init", "-q");
writeFileSync(path.join(repo, "config.js"), `export const config = {\n  apiKey: "${planted}",\n};\n`);
git("add", ".");
git("commit", "-qm", "add config");
writeFileSync(path.join(repo, "config.js"), `export const config = {\n  apiKey: process.env.API_KEY,\n};\n`);
writeFileSync(path.join(repo, "README.md"), `An example key, not a real one: ${lookalike}\n`);
// A line that starts with "++" reads "+++" in a patch, like a file header.
writeFileSync(path.join(repo, "notes.txt"), `++ ${doubled}\n`);
git("add", ".");
git("commit", "-qm", "read the key from the environment");
git("rm", "-q", "notes.txt");
git("commit", "-qm", "drop the notes");
// A link back to the repository: a walk that followed it would never end.
symlinkSync(repo, path.join(repo, "loop"));

describe("latchkey scan", () => {
  it("finds a key in the repository's history, prints commit:file:line and the prefix only, and exits 1", () => {
    const result = scan("--history", repo);
    expect(result.status, result.stderr).toBe(1);
    const commit = execFileSync("git", ["rev-list", "--max-parents=0", "HEAD"], { cwd: repo, encoding: "utf8" }).trim().slice(0, 12);
    const second = execFileSync("git", ["rev-list", "--skip=1", "-n1", "HEAD"], { cwd: repo, encoding: "utf8" }).trim().slice(0, 12);
    expect(result.stdout.trim().split("\n").sort()).toEqual(
      [`${commit}:config.js:2: ${planted.slice(0, 16)}…`, `${second}:notes.txt:1: ${doubled.slice(0, 16)}…`].sort(),
    );
    expect(result.stdout + result.stderr).not.toContain(planted);
  });

  it("finds nothing in today's files (the look-alike fails its checksum), and exits 0", () => {
    const result = scan(repo);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("no Latchkey keys found");
  });

  it("as a pre-commit hook, stops a commit that adds a key, and reports it to /v1/leaks", async () => {
    writeFileSync(path.join(repo, "deploy.sh"), `#!/bin/sh\ncurl -H "Authorization: Bearer ${staged}" https://api.example.com\n`);
    git("add", "deploy.sh");
    expect(scan("--staged", repo).status).toBe(1);

    const bodies: unknown[] = [];
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        bodies.push({ path: request.url, body: JSON.parse(body) });
        response.writeHead(202, { "content-type": "application/json" }).end('{"received":1}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const result = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ["--import", tsx, "--import", "./cli/register.mjs", "cli/main.ts", "scan", "--staged", repo, "--report", url],
        { cwd: root },
      );
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
      child.on("exit", (status: number | null) => resolve({ status, stdout }));
    });
    server.close();
    expect(result.status).toBe(1);
    expect(result.stdout.trim()).toBe(`deploy.sh:2: ${staged.slice(0, 16)}…`);
    expect(bodies).toEqual([{ path: "/v1/leaks", body: { keys: [staged] } }]);
  });
});
