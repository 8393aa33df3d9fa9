import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in-as";

test("an admin creates an app from the team page; bad input shows an error", async ({ page }, testInfo) => {
  await signInAs(page, "admin");
  await page.goto("/demo");
  const name = `Storefront ${Date.now()}`;
  await page.getByLabel("New app").fill(name);
  await page.getByRole("button", { name: "Create app" }).click();
  await expect(page.getByRole("list", { name: "apps" }).getByRole("listitem").filter({ hasText: name })).toBeVisible();

  await page.getByLabel("New app").fill("   ");
  await page.getByRole("button", { name: "Create app" }).click();
  // Beside the field, its own message: no "name: " in front of it.
  await expect(page.getByRole("alert").filter({ hasText: "must not be empty" })).toHaveText("must not be empty");
  await page.screenshot({ path: testInfo.outputPath("team-apps.png"), fullPage: true });
});

test("a viewer sees the apps but no control to create one", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/demo");
  await expect(page.getByText("Your role: viewer")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create app" })).toHaveCount(0);
});
