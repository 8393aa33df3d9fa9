// npm run lighthouse: measures the signed-in console pages of the production build with
// Lighthouse (desktop preset; Performance, Accessibility, Best Practices, SEO; optionally
// mobile Performance) and writes the scores to LIGHTHOUSE.md. It measures; it never fails on a
// score, only on a real error (the server does not start, sign-in or seeding fails, the
// session cookie is refused, Lighthouse cannot load a page that answers 200).
//
//   npm run lighthouse                 reuse .next (build only when .next/BUILD_ID is missing)
//   npm run lighthouse -- --build      rebuild first
//   npm run lighthouse -- --mobile     add a mobile Performance run per page (about 10 s each)
//
// The server runs on a throwaway SQLite database in a temporary directory, removed at the end.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Flags, type Result as LhResult } from "lighthouse";
import { signInToConsole } from "./lib/console-sign-in";
import type { SeedResult } from "./lib/lighthouse-seed";
import { type ProductionServer, startProductionServer } from "./lib/production-server";

const root = path.resolve(import.meta.dirname, "..");
const CHROME_PATH = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
type Category = (typeof CATEGORIES)[number];
const CATEGORY_TITLES: Record<Category, string> = {
  performance: "Performance",
  accessibility: "Accessibility",
  "best-practices": "Best Practices",
  seo: "SEO",
};
const METRICS = [
  ["first-contentful-paint", "FCP"],
  ["largest-contentful-paint", "LCP"],
  ["total-blocking-time", "TBT"],
  ["cumulative-layout-shift", "CLS"],
  ["speed-index", "Speed Index"],
] as const;
const FAILING_BELOW = 0.9;
const TOP_AUDITS = 10;
const REPORT_DIR = path.join(root, "test-results/lighthouse");

type PageSpec = { name: string; template: string; path: (seed: SeedResult) => string };

const PAGES: PageSpec[] = [
  { name: "apps", template: "/demo", path: (s) => `/${s.teamSlug}` },
  { name: "app", template: "/demo/apps/{appId}", path: (s) => `/${s.teamSlug}/apps/${s.appId}` },
  {
    name: "project",
    template: "/demo/apps/{appId}/projects/{projectId}",
    path: (s) => `/${s.teamSlug}/apps/${s.appId}/projects/${s.projectId}`,
  },
  {
    name: "project-webhooks",
    template: "/demo/apps/{appId}/projects/{projectId}/webhooks",
    path: (s) => `/${s.teamSlug}/apps/${s.appId}/projects/${s.projectId}/webhooks`,
  },
  { name: "key", template: "/demo/apps/{appId}/keys/{keyId}", path: (s) => `/${s.teamSlug}/apps/${s.appId}/keys/${s.keyId}` },
  { name: "members", template: "/demo/members", path: (s) => `/${s.teamSlug}/members` },
  { name: "audit", template: "/demo/audit", path: (s) => `/${s.teamSlug}/audit` },
  { name: "settings", template: "/demo/settings", path: (s) => `/${s.teamSlug}/settings` },
];

type FailingAudit = {
  id: string;
  title: string;
  categories: string[];
  score: number;
  weight: number;
  displayValue?: string;
  items?: number;
  examples: string[];
};

/**
 * Audits that fail on these pages by design, listed apart from the ones to fix:
 * public/robots.txt disallows crawling the whole console (it is private), so `is-crawlable`
 * fails and SEO stays at or below 63 whatever the page does.
 */
const EXPECTED: Record<string, string> = {
  "is-crawlable": "public/robots.txt disallows crawling on purpose: the console is private",
};

/** Audits not run at all (they carry no weight in any score), and why. */
const SKIPPED: Record<string, string> = {
  "bf-cache":
    "signed-in pages are dynamic and answer `Cache-Control: no-store`, which keeps them (and the keys they show) out of the back/forward cache, so it always fails; Lighthouse calls that not actionable, and the check costs a navigation per run",
};

type PageResult = {
  spec: PageSpec;
  /** What the server answered, redirects followed: "200", "404", "307 → /elsewhere → 200", "307 → /sign-in", "error: …". */
  status: string;
  measured: boolean;
  /** A real error: the page answers 200 but could not be measured, or the session was refused. */
  error?: string;
  signInRedirect?: boolean;
  scores?: Record<Category, number | null>;
  mobilePerformance?: number | null;
  metrics?: Record<string, string>;
  failing?: FailingAudit[];
  report?: string;
  /** Lighthouse's measure of the host CPU's speed during the desktop run (higher is faster). */
  benchmarkIndex?: number;
  seconds?: { desktop: number; mobile?: number };
};

// ---------------------------------------------------------------------------------------------

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function ensureBuild(force: boolean): void {
  if (!force && existsSync(path.join(root, ".next/BUILD_ID"))) return;
  log(force ? "== next build (--build)" : "== next build (no .next/BUILD_ID yet)");
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

function buildId(): string | undefined {
  try {
    return readFileSync(path.join(root, ".next/BUILD_ID"), "utf8").trim();
  } catch {
    return undefined;
  }
}

/** The measurement describes one build: another `next build` in this tree mid-run spoils it. */
class BuildChanged extends Error {}

function assertSameBuild(expected: string | undefined): void {
  if (buildId() !== expected)
    throw new BuildChanged(
      "the build in .next changed while the server was running (another `next build` in this working tree?); run again once it is done",
    );
}

function git(...args: string[]): string {
  const out = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  return out.status === 0 ? out.stdout.trim() : "";
}

function describeBuild(): { line: string; stale: boolean } {
  const built = statSync(path.join(root, ".next/BUILD_ID")).mtime;
  const head = git("rev-parse", "--short", "HEAD") || "unknown";
  const headTime = Number(git("log", "-1", "--format=%ct")) * 1000;
  const stale = Number.isFinite(headTime) && headTime > built.getTime();
  return { line: `production build of ${built.toISOString().slice(0, 16).replace("T", " ")} UTC, repository at ${head}`, stale };
}

function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg()[0]!.toFixed(2);
  return `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, load average ${load} at the start`;
}

function chromeVersion(): string {
  const out = spawnSync(CHROME_PATH, ["--version"], { encoding: "utf8" });
  // "Chromium 156.0.8078.79 built on Debian GNU/Linux 12 (bookworm)": name and version only.
  return out.status === 0 ? (/^\S+ [\d.]+/.exec(out.stdout.trim())?.[0] ?? out.stdout.trim()) : "Chromium";
}

function lighthouseVersion(): string {
  try {
    return (JSON.parse(readFileSync(createRequire(import.meta.url).resolve("lighthouse/package.json"), "utf8")) as { version: string })
      .version;
  } catch {
    return "?";
  }
}

/** Seeds the demo team in a child process with the server-only shim, as `npm run bench` runs. */
function seed(databaseUrl: string, env: Record<string, string>): SeedResult {
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
async function probe(baseUrl: string, pagePath: string, cookie: string): Promise<{ status: string; ok: boolean; signIn: boolean }> {
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

/** One line for an item of an audit's details: the console message, the element, the resource. */
function describeItem(item: unknown): string | undefined {
  if (typeof item !== "object" || item === null) return undefined;
  const i = item as {
    description?: unknown;
    reason?: unknown;
    node?: { snippet?: unknown; selector?: unknown };
    url?: unknown;
    source?: unknown;
    sourceLocation?: { url?: unknown };
    wastedBytes?: unknown;
    label?: unknown;
    subItems?: { items?: { signal?: unknown }[] };
    reflowTime?: unknown;
  };
  const clip = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/\s+/g, " ");
  const shortUrl = (value: string) => {
    try {
      const url = new URL(value);
      url.searchParams.delete("_rsc"); // Next's per-request cache buster
      return url.pathname + url.search;
    } catch {
      return value;
    }
  };
  if (typeof i.description === "string") {
    const where = typeof i.sourceLocation?.url === "string" ? ` (${shortUrl(i.sourceLocation.url)})` : "";
    return clip(`${typeof i.source === "string" ? `${i.source}: ` : ""}${i.description}${where}`, 200);
  }
  if (typeof i.reason === "string") return clip(i.reason);
  if (i.node && typeof i.node.snippet === "string")
    return clip(`${i.node.snippet}${typeof i.node.selector === "string" ? ` (${i.node.selector})` : ""}`);
  if (typeof i.url === "string") {
    const signals = (i.subItems?.items ?? []).map((sub) => sub.signal).filter((x): x is string => typeof x === "string");
    const size = typeof i.wastedBytes === "number" && i.wastedBytes >= 1024 ? `, ${Math.round(i.wastedBytes / 1024)} KiB` : "";
    return clip(`${shortUrl(i.url)}${size}${signals.length ? ` (${signals.join(", ")})` : ""}`, 200);
  }
  if (typeof i.label === "string") return clip(i.label);
  if (typeof i.source === "object" && i.source !== null) {
    const source = i.source as { url?: unknown; line?: unknown; column?: unknown; value?: unknown };
    const where =
      typeof source.url === "string"
        ? `${shortUrl(source.url)}:${Number(source.line) + 1}:${Number(source.column) + 1}`
        : String(source.value ?? "?");
    return clip(`${where}${typeof i.reflowTime === "number" ? `, ${Math.round(i.reflowTime)} ms` : ""}`);
  }
  return undefined;
}

/** The rows of an audit's tables (an insight may hold a list of them); none from prose. */
function tableItems(details: unknown): unknown[] {
  const d = details as { type?: string; items?: unknown } | undefined;
  if (!d || !Array.isArray(d.items)) return [];
  if (d.type === "table" || d.type === "opportunity") return d.items as unknown[];
  if (d.type === "list") return (d.items as unknown[]).flatMap(tableItems);
  return [];
}

/** The audits that score below FAILING_BELOW, costliest first; `normalise` rewrites examples. */
function failingAudits(lhr: LhResult, normalise: (text: string) => string): FailingAudit[] {
  const byId = new Map<string, FailingAudit>();
  for (const category of CATEGORIES) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || audit.score >= FAILING_BELOW) continue;
      if (["notApplicable", "manual", "informative", "error"].includes(audit.scoreDisplayMode)) continue;
      // Examples come from tables (elements, scripts, console messages), not from an insight's prose.
      const items = tableItems(audit.details);
      const entry = byId.get(ref.id) ?? {
        id: ref.id,
        title: audit.title,
        categories: [],
        score: audit.score,
        weight: 0,
        displayValue: audit.displayValue,
        items: items.length > 0 ? items.length : undefined,
        examples: items
          .slice(0, 3)
          .map(describeItem)
          .filter((x): x is string => !!x)
          .map(normalise),
      };
      entry.categories.push(CATEGORY_TITLES[category]);
      entry.weight = Math.max(entry.weight, ref.weight);
      byId.set(ref.id, entry);
    }
  }
  // The costliest first: weighted audits by the points they lose, then the unweighted ones.
  return [...byId.values()].sort((a, b) => b.weight * (1 - b.score) - a.weight * (1 - a.score) || a.score - b.score);
}

function score(lhr: LhResult, category: Category): number | null {
  const value = lhr.categories[category]?.score;
  return value === null || value === undefined ? null : Math.round(value * 100);
}

async function runLighthouse(
  url: string,
  port: number,
  cookie: string,
  mode: "desktop" | "mobile",
): Promise<{ lhr: LhResult; html: string }> {
  const flags: Flags = {
    port,
    logLevel: "error",
    output: mode === "desktop" ? "html" : "json",
    extraHeaders: { Cookie: cookie },
    onlyCategories: mode === "desktop" ? [...CATEGORIES] : ["performance"],
    // bf-cache navigates away and back (seconds per run) to learn what SKIPPED says.
    skipAudits: Object.keys(SKIPPED),
    disableFullPageScreenshot: true,
    maxWaitForLoad: 45_000,
  };
  const result = await lighthouse(url, flags, mode === "desktop" ? desktopConfig : undefined);
  if (!result) throw new Error("Lighthouse returned no result");
  return { lhr: result.lhr, html: typeof result.report === "string" ? result.report : (result.report[0] ?? "") };
}

/** Seeded ids in URLs become their placeholders, so that LIGHTHOUSE.md does not change with every seed. */
function placeholders(seedResult: SeedResult): (text: string) => string {
  const pairs: [string, string][] = [
    [seedResult.appId, "{appId}"],
    [seedResult.projectId, "{projectId}"],
    [seedResult.keyId, "{keyId}"],
    [seedResult.appKeyId, "{appKeyId}"],
  ];
  return (text) => pairs.reduce((out, [id, name]) => out.replaceAll(id, name), text);
}

async function measure(
  page: PageSpec,
  seedResult: SeedResult,
  server: ProductionServer,
  chromePort: number,
  cookie: string,
  mobile: boolean,
): Promise<PageResult> {
  const pagePath = page.path(seedResult);
  // The probe also renders the page once, so that Lighthouse measures a warm server.
  const probed = await probe(server.url, pagePath, cookie);
  const result: PageResult = { spec: page, status: probed.status, measured: false };
  if (probed.signIn) return { ...result, signInRedirect: true, error: "redirected to /sign-in: the session cookie was not accepted" };
  if (!probed.ok) return result;

  const url = `${server.url}${pagePath}`;
  let t = Date.now();
  try {
    const { lhr, html } = await runLighthouse(url, chromePort, cookie, "desktop");
    const finalPath = new URL(lhr.finalDisplayedUrl).pathname;
    if (finalPath.startsWith("/sign-in"))
      return {
        ...result,
        status: `${result.status} → ${finalPath} (in the browser)`,
        signInRedirect: true,
        error: "the browser ended on /sign-in: the session cookie was not accepted",
      };
    if (lhr.runtimeError) return { ...result, error: `Lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}` };
    if (finalPath !== pagePath) result.status += ` (the browser ended on ${placeholders(seedResult)(finalPath)})`;
    mkdirSync(REPORT_DIR, { recursive: true });
    const report = path.join(REPORT_DIR, `${page.name}.html`);
    writeFileSync(report, html);
    writeFileSync(report.replace(/\.html$/, ".json"), JSON.stringify(lhr));
    Object.assign(result, {
      measured: true,
      scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(lhr, c)])) as Record<Category, number | null>,
      metrics: Object.fromEntries(METRICS.map(([id, label]) => [label, lhr.audits[id]?.displayValue ?? "—"])),
      failing: failingAudits(lhr, placeholders(seedResult)),
      report: path.relative(root, report),
      benchmarkIndex: lhr.environment.benchmarkIndex,
      seconds: { desktop: (Date.now() - t) / 1000 },
    });
  } catch (error) {
    return { ...result, error: `Lighthouse failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (mobile) {
    t = Date.now();
    try {
      const { lhr } = await runLighthouse(url, chromePort, cookie, "mobile");
      result.mobilePerformance = lhr.runtimeError ? null : score(lhr, "performance");
    } catch {
      result.mobilePerformance = null;
    }
    result.seconds!.mobile = (Date.now() - t) / 1000;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------

function scoreCell(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : String(value);
}

function scoresTable(results: PageResult[], mobile: boolean): string {
  const header = ["page", "status", ...CATEGORIES.map((c) => CATEGORY_TITLES[c]), ...(mobile ? ["Performance (mobile)"] : [])];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i < 2 ? "---" : "---:")).join("|")}|`];
  for (const r of results) {
    const status = r.error ? `${r.status}; **${r.error}**` : r.measured ? r.status : `${r.status}, not measured`;
    const cells = [
      `\`${r.spec.template}\``,
      status,
      ...CATEGORIES.map((c) => scoreCell(r.scores?.[c])),
      ...(mobile ? [scoreCell(r.mobilePerformance)] : []),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

function metricsTable(results: PageResult[]): string {
  const measured = results.filter((r) => r.metrics);
  if (measured.length === 0) return "";
  const lines = [`| page | ${METRICS.map(([, label]) => label).join(" | ")} |`, `|---|${METRICS.map(() => "---:").join("|")}|`];
  for (const r of measured) lines.push(`| \`${r.spec.template}\` | ${METRICS.map(([, label]) => r.metrics![label]).join(" | ")} |`);
  return lines.join("\n");
}

function auditLine(a: FailingAudit): string {
  const extra = [a.displayValue, a.items ? `${a.items} item${a.items === 1 ? "" : "s"}` : undefined].filter(Boolean).join(", ");
  return `\`${a.id}\`: ${a.title} (${a.categories.join(", ")}; score ${Math.round(a.score * 100)}${a.weight ? `, weight ${a.weight}` : ""}${extra ? `; ${extra}` : ""})`;
}

type AuditReport = {
  /** Failing on every measured page, with the examples they all share. */
  common: { audit: FailingAudit; scores: number[]; examples: string[] }[];
  /** Per page, the costliest TOP_AUDITS others, and common ones with examples of their own. */
  pages: { result: PageResult; audits: FailingAudit[] }[];
  expected: string[];
};

function auditReport(results: PageResult[]): AuditReport {
  const measured = results.filter((r) => r.failing);
  const common: AuditReport["common"] = [];
  if (measured.length >= 2) {
    for (const audit of measured[0]!.failing!) {
      if (EXPECTED[audit.id]) continue;
      const onEvery = measured.map((r) => r.failing!.find((a) => a.id === audit.id));
      if (onEvery.some((a) => !a)) continue;
      const examples = audit.examples.filter((e) => onEvery.every((a) => a!.examples.includes(e)));
      // Common when the pages share an example, or none has any to tell them apart.
      if (examples.length === 0 && onEvery.some((a) => a!.examples.length > 0)) continue;
      common.push({ audit, scores: onEvery.map((a) => a!.score), examples });
    }
  }
  const commonIds = new Map(common.map((c) => [c.audit.id, c]));
  const pages = measured.map((result) => {
    const audits: FailingAudit[] = [];
    for (const a of result.failing!) {
      if (EXPECTED[a.id]) continue;
      const shared = commonIds.get(a.id);
      if (!shared) audits.push(a);
      else {
        const own = a.examples.filter((e) => !shared.examples.includes(e));
        // A shared failure is repeated for a page only where this page adds to it.
        if (own.length > 0) audits.push({ ...a, examples: own });
      }
    }
    return { result, audits: audits.slice(0, TOP_AUDITS) };
  });
  const expected = Object.keys(EXPECTED).filter((id) => measured.some((r) => r.failing!.some((a) => a.id === id)));
  return { common, pages, expected };
}

function auditsSection(report: AuditReport): string {
  const out: string[] = [];
  const examples = (list: string[]) => list.map((e) => `  - \`${e.replaceAll("`", "'")}\``);
  if (report.common.length > 0) {
    out.push(
      "### Every page",
      "",
      "Failing on every measured page (the shared layout, or Next's own scripts), with the examples they share.",
      "",
    );
    for (const { audit, scores, examples: shared } of report.common) {
      const [min, max] = [Math.round(Math.min(...scores) * 100), Math.round(Math.max(...scores) * 100)];
      out.push(
        `- \`${audit.id}\`: ${audit.title} (${audit.categories.join(", ")}; score ${min === max ? min : `${min}–${max}`}${audit.weight ? `, weight ${audit.weight}` : ""})`,
        ...examples(shared),
      );
    }
    out.push("");
  }
  for (const { result, audits } of report.pages) {
    out.push(`### \`${result.spec.template}\``, "");
    if (audits.length === 0) out.push(report.common.length ? "Nothing else." : `Every scored audit is at ${FAILING_BELOW * 100} or above.`);
    for (const a of audits)
      out.push(
        `- ${auditLine(a)}${report.common.some((c) => c.audit.id === a.id) ? " (as on every page, and here also:)" : ""}`,
        ...examples(a.examples),
      );
    out.push("");
  }
  const notes = [
    ...report.expected.map((id) => `- \`${id}\` fails on every page: ${EXPECTED[id]}.`),
    ...Object.entries(SKIPPED).map(([id, why]) => `- \`${id}\` is not run: ${why}.`),
  ];
  if (notes.length > 0) out.push("### Expected, and not run", "", ...notes, "");
  return out.join("\n");
}

/** Lighthouse's host CPU benchmark over the runs: a low or spread range means a busy machine. */
function benchmarkLine(results: PageResult[]): string {
  const values = results.map((r) => r.benchmarkIndex).filter((x): x is number => typeof x === "number");
  if (values.length === 0) return "";
  const [min, max] = [Math.round(Math.min(...values)), Math.round(Math.max(...values))];
  return `, Lighthouse benchmarkIndex ${min === max ? min : `${min}–${max}`}`;
}

/**
 * Pages measured while the machine was busy: Lighthouse's CPU benchmark for their run fell
 * below half the best one of this run, so their Performance (and TBT) is understated.
 */
function busyWarning(results: PageResult[], loadAtStart: number): string | undefined {
  const best = Math.max(0, ...results.map((r) => r.benchmarkIndex ?? 0));
  const slow = results.filter((r) => r.benchmarkIndex !== undefined && r.benchmarkIndex < best / 2);
  const parts: string[] = [];
  if (loadAtStart > os.cpus().length)
    parts.push(`the load average was ${loadAtStart.toFixed(1)} on ${os.cpus().length} cores at the start`);
  if (slow.length > 0)
    parts.push(`the CPU benchmark fell below half its best during ${slow.map((r) => `\`${r.spec.template}\``).join(", ")}`);
  if (parts.length === 0) return undefined;
  return `**Busy machine:** ${parts.join("; ")}. Performance figures from this run are understated; run again on a quiet machine to compare.`;
}

function consoleTable(results: PageResult[], mobile: boolean): string {
  const header = ["page", "status", "Perf", "A11y", "BP", "SEO", ...(mobile ? ["Perf mobile"] : [])];
  const rows = results.map((r) => [
    r.spec.template,
    r.error ? `${r.status} (${r.error})` : r.status,
    ...CATEGORIES.map((c) => scoreCell(r.scores?.[c])),
    ...(mobile ? [scoreCell(r.mobilePerformance)] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { build: { type: "boolean", default: false }, mobile: { type: "boolean", default: false } } });
  const mobile = values.mobile;
  const started = Date.now();
  if (!existsSync(CHROME_PATH)) throw new Error(`no Chromium at ${CHROME_PATH} (set CHROME_PATH)`);
  ensureBuild(values.build);
  const build = describeBuild();
  const measuredBuild = buildId();
  if (build.stale) log("note: the build is older than the last commit; `npm run lighthouse -- --build` rebuilds it");
  const machineLine = machine();
  const loadAtStart = os.loadavg()[0]!;

  const dir = mkdtempSync(path.join(os.tmpdir(), "latchkey-lh-"));
  // The server's secret and data directory live in the temporary directory too, not in ./data.
  const serverEnv = { LATCHKEY_SECRET: `lighthouse-${process.pid}-${Date.now()}`, LATCHKEY_DATA_DIR: dir };
  const databaseUrl = `file:${path.join(dir, "db.sqlite")}`;
  let server: ProductionServer | undefined;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  const cleanup = async () => {
    await Promise.resolve(chrome?.kill()).catch(() => undefined);
    chrome = undefined;
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the server and removing ${dir}`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    log("== starting the production server on a throwaway SQLite database");
    server = await startProductionServer({ databaseUrl, env: serverEnv });
    log(`   ${server.url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

    log('== signing in as "owner" through the local identity provider');
    const session = await signInToConsole({ baseUrl: server.url, login: "owner", chromePath: CHROME_PATH });
    log(`   cookies: ${session.cookieNames.join(", ")}`);

    log("== seeding the demo team");
    const seedResult = seed(databaseUrl, serverEnv);
    log(
      `   app ${seedResult.appId}, project ${seedResult.projectId} with ${seedResult.keys} keys, key ${seedResult.keyId}, app key ${seedResult.appKeyId}`,
    );

    chrome = await chromeLauncher.launch({
      handleSIGINT: false,
      chromePath: CHROME_PATH,
      chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-dev-shm-usage"],
    });
    const results: PageResult[] = [];
    for (const page of PAGES) {
      assertSameBuild(measuredBuild);
      const t = Date.now();
      const result = await measure(page, seedResult, server, chrome.port, session.cookieHeader, mobile);
      results.push(result);
      const scores = result.scores
        ? CATEGORIES.map((c) => `${CATEGORY_TITLES[c]} ${scoreCell(result.scores![c])}`).join(", ")
        : "not measured";
      const took = result.seconds
        ? `desktop ${result.seconds.desktop.toFixed(1)} s${result.seconds.mobile ? `, mobile ${result.seconds.mobile.toFixed(1)} s` : ""}`
        : `${((Date.now() - t) / 1000).toFixed(1)} s`;
      log(`   ${page.template}: ${result.status}${result.error ? `; ${result.error}` : ""}; ${scores} (${took})`);
    }
    assertSameBuild(measuredBuild);
    await cleanup();

    const failedOnServer = results.filter((r) => /^5\d\d/.test(r.status));
    if (failedOnServer.length > 0) {
      log(
        `\n${failedOnServer.map((r) => r.spec.template).join(", ")} answered ${failedOnServer.map((r) => r.status).join(", ")}: a bug in the page, not measured. The end of the server's log:`,
      );
      log(server.log().trim().split("\n").slice(-25).join("\n"));
    }

    const busy = busyWarning(results, loadAtStart);
    if (busy) log(`\n${busy.replaceAll("**", "").replaceAll("`", "")}`);
    const date = new Date().toISOString().slice(0, 10);
    const errors = results.filter((r) => r.error);
    const report = [
      "# Lighthouse",
      "",
      `Measured by \`npm run lighthouse\` on ${date}: Lighthouse ${lighthouseVersion()}, ${chromeVersion()} headless, one run per page, desktop preset`,
      `(simulated throttling)${mobile ? "; the last column is a second, mobile run of Performance alone (Moto G Power emulation, simulated slow 4G)" : ""}.`,
      `Signed in as the demo owner; ${build.line}; a fresh SQLite database seeded with two apps, a project of 50 keys (4 revoked, 1 rotated inside its grace period, 1 with an expiry) and a week of verification counts.`,
      `Each page is requested once before it is measured. Machine: ${machineLine}${benchmarkLine(results)}.`,
      `Performance varies from run to run by a few points, and drops on a busy machine${mobile ? " (mobile most: its simulation multiplies the CPU time observed)" : ""}.`,
      "",
      scoresTable(results, mobile),
      "",
      ...(busy ? [busy, ""] : []),
      "A page that is not measured answers something other than 200 once redirects are followed: it is not built yet (404), or it fails (5xx).",
      ...(results.some((r) => r.failing?.some((a) => a.id === "is-crawlable"))
        ? [
            "SEO stays at 63 or below on every page: `is-crawlable` fails by design, since public/robots.txt disallows crawling the private console.",
          ]
        : []),
      "",
      ...(metricsTable(results) ? ["## Desktop metrics", "", metricsTable(results), ""] : []),
      `## Audits below ${FAILING_BELOW * 100}`,
      "",
      `Costliest first (weighted audits, then the rest), at most ${TOP_AUDITS} per page; the full reports are written to \`test-results/lighthouse/<page>.html\`.`,
      "",
      auditsSection(auditReport(results)),
    ].join("\n");

    process.stdout.write(`\n${consoleTable(results, mobile)}\n\n`);
    const audits = auditReport(results);
    const printAudit = (a: FailingAudit, examples: string[]) => {
      process.stdout.write(
        `  ${a.id.padEnd(34)} ${a.title} (${a.categories.join(", ")}; ${Math.round(a.score * 100)}${a.displayValue ? `; ${a.displayValue}` : ""})\n`,
      );
      for (const example of examples) process.stdout.write(`  ${" ".repeat(34)}   - ${example}\n`);
    };
    if (audits.common.length > 0) {
      process.stdout.write(`Every measured page: audits below ${FAILING_BELOW * 100}\n`);
      for (const c of audits.common) printAudit(c.audit, c.examples);
    }
    for (const { result, audits: own } of audits.pages) {
      if (own.length === 0) continue;
      process.stdout.write(
        `${result.spec.template}: audits below ${FAILING_BELOW * 100}${audits.common.length ? " (besides those)" : ""}\n`,
      );
      for (const a of own) printAudit(a, a.examples);
    }
    if (audits.expected.length > 0)
      process.stdout.write(`Expected on every page, not listed: ${audits.expected.join(", ")} (see LIGHTHOUSE.md)\n`);
    if (results.some((r) => r.report)) process.stdout.write(`\nFull reports: ${path.relative(root, REPORT_DIR)}/<page>.html\n`);

    if (errors.length > 0) {
      log(`\n${errors.length} page(s) could not be measured: ${errors.map((r) => `${r.spec.template}: ${r.error}`).join("; ")}`);
      if (errors.some((r) => r.signInRedirect))
        log("The console refused the session cookie taken after sign-in: the figures would describe the sign-in page.");
      log("LIGHTHOUSE.md is left as it was.");
      return 1;
    }
    writeFileSync(path.join(root, "LIGHTHOUSE.md"), report);
    log(`\nWrote LIGHTHOUSE.md in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return 0;
  } catch (error) {
    if (server && !(error instanceof BuildChanged)) log(`server log:\n${server.log().split("\n").slice(-30).join("\n")}`);
    throw error;
  } finally {
    await cleanup();
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  log(
    `npm run lighthouse failed: ${error instanceof BuildChanged ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exitCode = 1;
}
