import { expect, test } from "@playwright/test";

// The whole sign-in round trip through the local OpenID provider: the console redirects to
// the provider, the provider's own form signs in a demo user, the authorization code comes
// back with PKCE and state checked, and the console opens on the user's team.
test("sign in through the local OpenID provider, switch teams, and sign out", async ({ page }, testInfo) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const signIn = await page.goto("/sign-in");
  const csp = signIn?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(signIn?.headers()["x-content-type-options"]).toBe("nosniff");
  expect(signIn?.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  await expect(page.getByText("Identity provider: Local demo identity provider")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("sign-in.png"), fullPage: true });
  await page.getByRole("button", { name: "Sign in with Local demo identity provider" }).click();

  // The provider's pages, on another origin.
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill("owner");
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]');
  if (await consent.isVisible().catch(() => false)) await consent.click();

  // Back in the console, on a team the owner belongs to.
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("button", { name: /Switch team/ }).click();
  const teams = page.getByRole("menu").getByRole("menuitem");
  await expect(teams).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath("team-home.png"), fullPage: true });

  await page.getByRole("menu").getByRole("menuitem", { name: /Demo team/ }).click();
  await expect(page).toHaveURL(/\/demo$/);
  await expect(page.getByRole("heading", { name: "Demo team" })).toBeVisible();
  await expect(page.getByText("Your role: owner")).toBeVisible();

  // Another team's slug reads as not found.
  const other = await page.goto("/no-such-team");
  expect(other?.status()).toBe(404);

  await page.goto("/demo");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/demo");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdemo$/);
  // The strict policy did not block anything the console needs.
  expect(violations).toEqual([]);
});
