import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in-as";
import { openTeamSwitcher } from "./console-flows";

test("an owner invites by link; a signed-out visitor signs in and lands back on the invite", async ({ page, browser }, testInfo) => {
  await signInAs(page, "owner");
  await openTeamSwitcher(page);
  await page.getByRole("menuitem", { name: /^Olivia's team/ }).click();
  await page.getByRole("link", { name: "Members" }).click();
  await page.getByLabel("Role", { exact: true }).click();
  await page.getByRole("option", { name: "viewer", exact: true }).click();
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!;
  expect(link).toMatch(/\/invite\/inv_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("row").filter({ hasText: "Just created" })).toContainText("anyone with the link");
  await page.screenshot({ path: testInfo.outputPath("members.png"), fullPage: true });

  const guest = await browser.newContext();
  const visitor = await guest.newPage();
  await visitor.goto(link);
  await expect(visitor).toHaveURL(/\/sign-in\?callbackUrl=%2Finvite%2Finv_/);
  await visitor.getByRole("button", { name: /^Sign in with/ }).click();
  await visitor.locator('input[name="login"]').fill("developer");
  await visitor.locator('input[name="password"]').fill("x");
  await visitor.locator('button[type="submit"]').click();
  const consent = visitor.locator('button[type="submit"]');
  if (await consent.isVisible().catch(() => false)) await consent.click();
  await expect(visitor).toHaveURL(/\/invite\/inv_/);
  // The button works once React has hydrated it: a click before that does nothing.
  await visitor.waitForLoadState("networkidle");
  await visitor.getByRole("button", { name: "Join the team" }).click();
  await expect(visitor.getByRole("heading", { name: "Olivia's team" })).toBeVisible();
  await expect(visitor.getByText("Your role: viewer")).toBeVisible();

  // The link is single-use.
  await visitor.goto(link);
  await visitor.waitForLoadState("networkidle");
  await visitor.getByRole("button", { name: "Join the team" }).click();
  await expect(visitor.getByRole("alert").filter({ hasText: "invalid, used, revoked or expired" })).toBeVisible();
  await guest.close();
});
