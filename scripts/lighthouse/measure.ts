// Measuring one page: Lighthouse's desktop run (and the mobile one), its reports written to REPORT_DIR.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import lighthouse, { desktopConfig, type Flags, type Result as LhResult } from "lighthouse";
import type { SeedResult } from "../lib/lighthouse-seed";
import type { ProductionServer } from "../lib/production-server";
import { failingAudits, score, SKIPPED } from "./audits";
import { CATEGORIES, type Category, METRICS, type PageResult, type PageSpec, REPORT_DIR, root } from "./config";
import { probe } from "./server";

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

export async function measure(
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
