import { expect, type Page } from "@playwright/test";

/** Signs in through the local OpenID provider's own form, as one of its demo users. */
export async function signInAs(page: Page, login: "owner" | "admin" | "developer" | "viewer"): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: /^Sign in with/ }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]');
  if (await consent.isVisible().catch(() => false)) await consent.click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}
