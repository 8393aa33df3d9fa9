import path from "node:path";
import { expect, test } from "@playwright/test";
import { createApp, createAppKey, createKey, createProject, openTeamSwitcher, unique } from "./console-flows";
import { signInAs } from "./sign-in-as";

// Every page that issue 12's additions changed, at 1280 and 390 px, in both themes: nothing
// spills sideways, and a screenshot of each is kept under e2e/.artifacts/ to be looked at.

test.describe.configure({ timeout: 240_000 });

const ARTIFACTS = path.resolve(import.meta.dirname, "../.artifacts/console-features");

test("the changed pages fit 1280 and 390 px in both themes", async ({ page, context }) => {
  await signInAs(page, "owner");
  await page.goto("/demo");
  const appPath = await createApp(page, unique("Screens app"));
  await createAppKey(page, "Screens verifier", "verifier");
  const projectPath = await createProject(page, unique("Screens project"));
  await createKey(page, "Screens key", ["read:things", "write:things"]);
  const keyPath = (await page.getByRole("link", { name: "Screens key", exact: true }).getAttribute("href"))!;

  const pages = [
    { name: "team", path: "/demo" },
    { name: "app", path: appPath },
    { name: "project", path: projectPath },
    { name: "webhooks", path: `${projectPath}/webhooks` },
    { name: "key", path: keyPath },
    { name: "members", path: "/demo/members" },
    { name: "audit", path: "/demo/audit?action=api_key.created" },
    { name: "settings", path: "/demo/settings" },
  ];
  const overflow: Record<string, number> = {};
  for (const theme of ["light", "dark"] as const) {
    await context.addCookies([{ name: "latchkey-theme", value: theme, domain: "localhost", path: "/" }]);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const { name, path: pagePath } of pages) {
        expect((await page.goto(pagePath))?.status(), pagePath).toBe(200);
        await expect(page.locator("html")).toHaveClass(new RegExp(theme));
        // Hydrated, so that client-rendered values (select labels, the samples' address) are in the picture.
        await page.waitForLoadState("networkidle");
        const excess = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (excess > 0) overflow[`${name} ${theme} ${width}`] = excess;
        await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${theme}-${width}.png`), fullPage: true });
      }
      // The team switcher with its new item, and the new-team dialog.
      await page.goto("/demo");
      await openTeamSwitcher(page);
      await page.screenshot({ path: path.join(ARTIFACTS, `switcher-${theme}-${width}.png`) });
      await page.getByRole("menuitem", { name: "Create team" }).click();
      await expect(page.getByRole("dialog", { name: "New team" })).toBeVisible();
      await page.screenshot({ path: path.join(ARTIFACTS, `create-team-${theme}-${width}.png`) });
      await page.keyboard.press("Escape");
      // The delete confirmation, without confirming.
      await page.goto("/demo/settings");
      await page.getByRole("button", { name: "Delete team" }).click();
      await expect(page.getByRole("alertdialog")).toBeVisible();
      await page.screenshot({ path: path.join(ARTIFACTS, `delete-team-${theme}-${width}.png`) });
      await page.getByRole("button", { name: "Cancel" }).click();
      // Each sample tab of the verify panel.
      await page.goto(keyPath);
      for (const tab of ["Python (requests)", "Go (net/http)"]) {
        await page.getByRole("tab", { name: tab }).click();
        const excess = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (excess > 0) overflow[`key ${tab} ${theme} ${width}`] = excess;
      }
      await page
        .getByRole("region", { name: "Verify this key" })
        .screenshot({ path: path.join(ARTIFACTS, `verify-go-${theme}-${width}.png`) });
    }
  }
  expect(overflow).toEqual({});
});
