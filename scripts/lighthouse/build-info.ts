// What is measured, and on what: the production build, the repository, the machine, Chromium and Lighthouse.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { CHROME_PATH, log, root } from "./config";

export function ensureBuild(force: boolean): void {
  if (!force && existsSync(path.join(root, ".next/BUILD_ID"))) return;
  log(force ? "== next build (--build)" : "== next build (no .next/BUILD_ID yet)");
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

export function buildId(): string | undefined {
  try {
    return readFileSync(path.join(root, ".next/BUILD_ID"), "utf8").trim();
  } catch {
    return undefined;
  }
}

/** The measurement describes one build: another `next build` in this tree mid-run spoils it. */
export class BuildChanged extends Error {}

export function assertSameBuild(expected: string | undefined): void {
  if (buildId() !== expected)
    throw new BuildChanged(
      "the build in .next changed while the server was running (another `next build` in this working tree?); run again once it is done",
    );
}

function git(...args: string[]): string {
  const out = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  return out.status === 0 ? out.stdout.trim() : "";
}

export function describeBuild(): { line: string; stale: boolean } {
  const built = statSync(path.join(root, ".next/BUILD_ID")).mtime;
  const head = git("rev-parse", "--short", "HEAD") || "unknown";
  const headTime = Number(git("log", "-1", "--format=%ct")) * 1000;
  const stale = Number.isFinite(headTime) && headTime > built.getTime();
  return { line: `production build of ${built.toISOString().slice(0, 16).replace("T", " ")} UTC, repository at ${head}`, stale };
}

export function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg()[0]!.toFixed(2);
  return `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, load average ${load} at the start`;
}

export function chromeVersion(): string {
  const out = spawnSync(CHROME_PATH, ["--version"], { encoding: "utf8" });
  // "Chromium 156.0.8078.79 built on Debian GNU/Linux 12 (bookworm)": name and version only.
  return out.status === 0 ? (/^\S+ [\d.]+/.exec(out.stdout.trim())?.[0] ?? out.stdout.trim()) : "Chromium";
}

export function lighthouseVersion(): string {
  try {
    return (JSON.parse(readFileSync(createRequire(import.meta.url).resolve("lighthouse/package.json"), "utf8")) as { version: string })
      .version;
  } catch {
    return "?";
  }
}
