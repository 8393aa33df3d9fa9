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
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import { signInToConsole } from "./lib/console-sign-in";
import { type ProductionServer, startProductionServer } from "./lib/production-server";
import {
  assertSameBuild,
  BuildChanged,
  buildId,
  chromeVersion,
  describeBuild,
  ensureBuild,
  lighthouseVersion,
  machine,
} from "./lighthouse/build-info";
import {
  CATEGORIES,
  CATEGORY_TITLES,
  CHROME_PATH,
  FAILING_BELOW,
  type FailingAudit,
  log,
  type PageResult,
  PAGES,
  REPORT_DIR,
  root,
  TOP_AUDITS,
} from "./lighthouse/config";
import { measure } from "./lighthouse/measure";
import {
  auditReport,
  auditsSection,
  benchmarkLine,
  busyWarning,
  consoleTable,
  metricsTable,
  scoreCell,
  scoresTable,
} from "./lighthouse/report";
import { seed } from "./lighthouse/server";

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
