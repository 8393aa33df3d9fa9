import { expect, type Page } from "@playwright/test";

type DemoLogin = "owner" | "admin" | "developer" | "viewer" | "unverified";

/** Signs in through the local OpenID provider's own form, as one of its demo users (or a tagged one: `viewer+2`). */
export async function signInAs(page: Page, login: DemoLogin | `${DemoLogin}+${string}`): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: /^Sign in with/ }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]');
  if (await consent.isVisible().catch(() => false)) await consent.click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** A login of its own for one test: a demo role with a random tag, so that ending its sessions touches no other test. */
export function taggedLogin(role: DemoLogin): `${DemoLogin}+${string}` {
  return `${role}+${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
