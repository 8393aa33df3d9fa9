import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { createApp, createAppKey, createKey, createProject, unique } from "./console-flows";
import { signInAs } from "./sign-in-as";

// Every console page, in both themes: axe finds no serious or critical violation, the strict
// CSP blocks nothing the page does, and a screenshot of each (desktop and 375 px wide) is kept
// with the test's artifacts.

test.describe.configure({ timeout: 240_000 });

const THEMES = ["light", "dark"] as const;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
}

test("console pages have no serious accessibility violations in either theme", async ({ page, context }, testInfo) => {
  // A refused eval or inline script shows only as this event, not always in the console.
  const blocked: string[] = [];
  await page.exposeFunction("reportCspViolation", (v: string) => blocked.push(`${page.url()}: ${v}`));
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    ),
  );
  await signInAs(page, "admin");
  await page.goto("/demo");
  const appPath = await createApp(page, unique("A11y app"));
  await createAppKey(page, "A11y verifier", "verifier");
  const projectPath = await createProject(page, unique("A11y project"));
  await createKey(page, "A11y key", ["read:things"]);
  const keyPath = (await page.getByRole("link", { name: "A11y key", exact: true }).getAttribute("href"))!;

  const pages = [
    { name: "team", path: "/demo" },
    { name: "app", path: appPath },
    { name: "project", path: projectPath },
    { name: "project-webhooks", path: `${projectPath}/webhooks` },
    { name: "key", path: keyPath },
    { name: "members", path: "/demo/members" },
    { name: "audit", path: "/demo/audit" },
    { name: "settings", path: "/demo/settings" },
  ];

  const found: Record<string, unknown> = {};
  for (const theme of THEMES) {
    await context.addCookies([{ name: "latchkey-theme", value: theme, domain: "localhost", path: "/" }]);
    for (const { name, path } of pages) {
      await page.setViewportSize({ width: 1280, height: 800 });
      const response = await page.goto(path);
      expect(response?.status(), `${path} answers`).toBe(200);
      await expect(page.locator("html")).toHaveClass(new RegExp(theme));
      const violations = await seriousViolations(page);
      if (violations.length) found[`${name} (${theme})`] = violations;
      await page.screenshot({ path: testInfo.outputPath(`${name}-${theme}.png`), fullPage: true });
      await page.setViewportSize({ width: 375, height: 800 });
      await page.screenshot({ path: testInfo.outputPath(`${name}-${theme}-375.png`), fullPage: true });
      // Nothing spills sideways on a phone: the page itself never scrolls horizontally.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} (${theme}) at 375 px`).toBeLessThanOrEqual(0);
    }
  }
  expect(found).toEqual({});
  expect(blocked).toEqual([]);
});

test("the reveal dialog and the create form pass axe too", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/demo");
  await createApp(page, unique("A11y dialogs"));
  await createProject(page, unique("A11y dialogs project"));
  await page.getByRole("button", { name: "Create key" }).click();
  expect(await seriousViolations(page)).toEqual([]);
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByLabel("Name").fill("Dialog key");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("revealed-key")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
