import { execFileSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { type FoundKey, findKeys, redact } from "../lib/core/crypto/key-scan";

// latchkey scan [paths…] [--staged] [--history] [--report <url>]: finds Latchkey keys in files,
// confirmed by their checksum offline, and prints where, each key cut to its prefix. It exits 1
// when it found any, so that it can stop a commit:
//
//   .git/hooks/pre-commit:  npx latchkey scan --staged
//
// --history reads every commit of the repository (git log -p --all): a key committed once and
// removed since is still in the history. --report posts what it found to <url>/v1/leaks, where
// each live key is disabled, revoked or only announced, by its project's on_leak policy.

export class ScanUsageError extends Error {}

const SKIP_DIRS = new Set([".git", "node_modules", ".next", "dist", "coverage"]);
const MAX_FILE_BYTES = 5 * 1024 * 1024;

type Finding = FoundKey & { where: string };

function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

/** The regular files under `target`. Symbolic links are not followed: a link to a parent would never end. */
function* files(target: string, top = true): Generator<string> {
  const stat = lstatSync(target, { throwIfNoEntry: false });
  if (!stat) {
    if (top) throw new ScanUsageError(`${target}: no such file or directory`);
    return;
  }
  if (stat.isFile()) return yield target;
  if (!stat.isDirectory()) return;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIP_DIRS.has(entry.name)) continue;
    yield* files(path.join(target, entry.name), false);
  }
}

function scanFiles(targets: string[]): Finding[] {
  const findings: Finding[] = [];
  for (const target of targets) {
    for (const file of files(target)) {
      if (lstatSync(file).size > MAX_FILE_BYTES) continue;
      const bytes = readFileSync(file);
      if (isBinary(bytes)) continue;
      for (const found of findKeys(bytes.toString("utf8"))) findings.push({ ...found, where: `${file}:${found.line}` });
    }
  }
  return findings;
}

function git(args: string[], cwd: string): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1024 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
}

/** Added lines of a patch (git log -p or git diff), each with the commit and file it belongs to. */
function scanPatch(patch: string, label: (commit: string | null, file: string, line: number) => string): Finding[] {
  const findings: Finding[] = [];
  let commit: string | null = null;
  let file = "";
  let line = 0;
  // Inside a hunk, a line is context, removed or added, whatever it starts with next: an added line
  // that reads "++ …" shows as "+++ …" and is not a file header there.
  let inHunk = false;
  for (const text of patch.split("\n")) {
    if (text.startsWith("commit ") || text.startsWith("diff --git ")) {
      if (text.startsWith("commit ")) commit = text.slice(7, 19);
      inHunk = false;
    } else if (!inHunk && text.startsWith("+++ ")) {
      file = text.slice(4).replace(/^b\//, "");
    } else if (text.startsWith("@@")) {
      line = Number(/\+(\d+)/.exec(text)?.[1] ?? 0) - 1;
      inHunk = true;
    } else if (!inHunk) {
      continue;
    } else if (text.startsWith("+")) {
      line++;
      for (const found of findKeys(text.slice(1))) findings.push({ ...found, line, where: label(commit, file, line) });
    } else if (!text.startsWith("-")) line++;
  }
  return findings;
}

async function report(url: string, findings: Finding[]): Promise<void> {
  const keys = [...new Set(findings.map((f) => f.key))];
  for (let i = 0; i < keys.length; i += 100) {
    const response = await fetch(`${url.replace(/\/+$/, "")}/v1/leaks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ keys: keys.slice(i, i + 100) }),
    });
    await response.body?.cancel();
    if (response.status !== 202) throw new Error(`${url}/v1/leaks answered ${response.status}`);
  }
  process.stderr.write(`reported ${keys.length} key(s) to ${url}/v1/leaks\n`);
}

/** Runs the command; resolves to its exit code (1 when it found a key). */
export async function runScan(args: string[]): Promise<number> {
  let values: { staged?: boolean; history?: boolean; report?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { staged: { type: "boolean" }, history: { type: "boolean" }, report: { type: "string" } },
    }));
  } catch (error) {
    throw new ScanUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.report !== undefined && !/^https?:\/\/[^\s]+$/.test(values.report))
    throw new ScanUsageError("--report: give Latchkey's URL, such as https://latchkey.example.com");
  let findings: Finding[];
  if (values.staged || values.history) {
    const repo = positionals[0] ?? ".";
    const patch = values.history
      ? git(["log", "-p", "--all", "--no-color", "--format=commit %H"], repo)
      : git(["diff", "--cached", "--no-color", "--unified=0"], repo);
    findings = scanPatch(patch, (commit, file, line) => (commit ? `${commit}:${file}:${line}` : `${file}:${line}`));
  } else {
    findings = scanFiles(positionals.length > 0 ? positionals : ["."]);
  }
  for (const found of findings) process.stdout.write(`${found.where}: ${redact(found)}\n`);
  if (findings.length === 0) {
    process.stderr.write("no Latchkey keys found\n");
    return 0;
  }
  process.stderr.write(`found ${findings.length} Latchkey key(s): rotate or revoke them, and remove them from the files\n`);
  if (values.report) await report(values.report, findings);
  return 1;
}
