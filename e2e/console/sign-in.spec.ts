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
  const teams = page.getByRole("menu").getByRole("menuitem").filter({ hasNotText: "Create team" });
  await expect(teams).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath("team-home.png"), fullPage: true });

  await page
    .getByRole("menu")
    .getByRole("menuitem", { name: /Demo team/ })
    .click();
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

// The servers under test trust loopback as a proxy (LATCHKEY_TRUSTED_PROXIES in
// playwright.config.ts), so each test here signs in from an address of its own.
test("failed sign-ins from one address are limited: 429 with Retry-After, and the sign-in page says so", async ({
  browser,
  request,
}, testInfo) => {
  const address = `198.51.100.${1 + Math.floor(Math.random() * 254)}`;
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address } });
  const page = await context.newPage();

  // One real failure: the user cancels at the identity provider, which answers access_denied.
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Local demo identity provider" }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  await page.getByRole("link", { name: "[ Cancel ]" }).click();
  await expect(page).toHaveURL(/\/sign-in\?.*error=/);
  // (Filtered by text: Next's route announcer is an empty alert too.)
  await expect(page.getByRole("alert").filter({ hasText: "Sign-in did not complete." })).toBeVisible();

  // The rest of the allowance: callbacks that carry the provider's error.
  const failedCallback = (from: string) =>
    request.get("/api/auth/callback/oidc?error=access_denied", { headers: { "x-forwarded-for": from }, maxRedirects: 0 });
  for (let i = 1; i < 20; i++) expect((await failedCallback(address)).status()).toBe(302);

  const refused = await failedCallback(address);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(14 * 60);
  expect(await refused.text()).toContain("Too many failed sign-ins from your network. Try again in 15 minutes.");
  // An address written in front of the proxy's entry is not believed: still the same client.
  expect((await failedCallback(`203.0.113.9, ${address}`)).status()).toBe(429);
  // Another client is not affected.
  expect((await failedCallback("203.0.113.10")).status()).toBe(302);

  // The sign-in page tells the blocked client, and offers no button that would fail.
  await page.goto("/sign-in");
  await expect(
    page.getByRole("alert").filter({ hasText: /Too many failed sign-ins from your network\. Try again in 1[45] minutes\./ }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: /^Sign in with/ })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("sign-in-limited.png"), fullPage: true });
  await context.close();
});
