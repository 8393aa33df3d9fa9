// The server's side: seeding the demo team, and asking what a page answers.
import { spawnSync } from "node:child_process";
import type { SeedResult } from "../lib/lighthouse-seed";
import { root } from "./config";

/** Seeds the demo team in a child process with the server-only shim, as `npm run bench` runs. */
export function seed(databaseUrl: string, env: Record<string, string>): SeedResult {
  const out = spawnSync(process.execPath, ["--import", "tsx", "--import", "./cli/register.mjs", "scripts/lib/lighthouse-seed.ts"], {
    cwd: root,
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (out.status !== 0) throw new Error(`seeding failed (${out.error?.message ?? `exit ${out.status}`}):\n${out.stderr}`);
  const line = out.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as SeedResult;
}

/** Follows redirects by hand, with the session cookie, to see what the page answers. */
export async function probe(baseUrl: string, pagePath: string, cookie: string): Promise<{ status: string; ok: boolean; signIn: boolean }> {
  const hops: string[] = [];
  let url = new URL(pagePath, baseUrl);
  for (let i = 0; i < 10; i++) {
    let response: Response;
    try {
      response = await fetch(url, { headers: { cookie, accept: "text/html" }, redirect: "manual", signal: AbortSignal.timeout(60_000) });
    } catch (error) {
      return { status: `error: ${error instanceof Error ? error.message : String(error)}`, ok: false, signIn: false };
    }
    await response.arrayBuffer().catch(() => undefined);
    hops.push(String(response.status));
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      hops.push(url.origin === baseUrl ? url.pathname : url.href);
      if (url.origin === baseUrl && url.pathname.startsWith("/sign-in")) return { status: hops.join(" → "), ok: false, signIn: true };
      continue;
    }
    return { status: hops.join(" → "), ok: response.status === 200, signIn: false };
  }
  return { status: `${hops.join(" → ")} (too many redirects)`, ok: false, signIn: false };
}
