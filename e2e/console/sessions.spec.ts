import { type APIResponse, type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { expectToast, unique } from "./console-flows";
import { signInAs, taggedLogin } from "./sign-in-as";

// A session cookie copied out of a browser (a stolen laptop, a shared computer, a leaked
// header) is worthless once its session has ended on the server: after sign-out, after "sign
// out of every session", and after the member is removed from a team. "Worthless" means both:
// it opens no console page, and it runs no server action. Each test signs in a tagged demo
// user of its own, so that ending all of its sessions touches no other test.

const COOKIE = "next-auth.session-token";

// Each test signs in two or three times through the provider's pages, on a shared 2-core machine.
test.describe.configure({ timeout: 120_000 });

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name === COOKIE);
  expect(cookie, "the session cookie").toBeTruthy();
  return cookie!;
}

/** A second browser that holds a copy of the first one's session cookie. */
async function withCopiedCookie(browser: Browser, from: BrowserContext) {
  const context = await browser.newContext();
  await context.addCookies([await sessionCookie(from)]);
  return context;
}

/** The user's team home ("/" sends a signed-in user to their first team, their own). */
async function openOwnTeam(page: Page): Promise<string> {
  await page.goto("/");
  await expect(page.getByText("Your role: owner")).toBeVisible();
  return new URL(page.url()).pathname;
}

/**
 * Creates an app through the UI and keeps the server action's request as it went over the wire,
 * so that it can be sent again later with nothing but the cookie.
 */
async function createAppAndRecord(page: Page, name: string): Promise<() => Promise<APIResponse>> {
  const recorded = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.getByLabel("New app").fill(name);
  await page.getByRole("button", { name: "Create app" }).click();
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  const request = await recorded;
  const headers = request.headers();
  const body = request.postDataBuffer() ?? Buffer.alloc(0);
  return () => page.request.fetch(request.url(), { method: "POST", headers, data: body, maxRedirects: 0 });
}

/** The replayed action was refused as signed out, and created nothing. */
async function expectRefusedAsSignedOut(replay: () => Promise<APIResponse>) {
  const response = await replay();
  const text = await response.text();
  expect(text).toContain('"code":"unauthorized"');
  expect(text).not.toContain('"ok":true');
}

/** The page is the sign-in page: the cookie opened nothing. */
async function expectSignedOut(page: Page, path: string) {
  const response = await page.goto(path);
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Sign in to Latchkey" })).toBeVisible();
}

test("a copied session cookie opens nothing and runs no action once its browser signed out", async ({ page, browser }) => {
  const login = taggedLogin("developer");
  await signInAs(page, login);
  const teamPath = await openOwnTeam(page);

  // The copy works while the session lives: it opens the team and creates an app.
  const copy = await withCopiedCookie(browser, page.context());
  const thief = await copy.newPage();
  await thief.goto(teamPath);
  await expect(thief.getByText("Your role: owner")).toBeVisible();
  const first = unique("Before sign-out");
  const replay = await createAppAndRecord(thief, first);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // The page the copy still has open: its next action is refused, with the session-ended sentence.
  await thief.getByLabel("New app").fill(unique("After sign-out"));
  await thief.getByRole("button", { name: "Create app" }).click();
  await expectToast(thief, "Your session ended. Sign in again to continue.");
  await expectRefusedAsSignedOut(replay);
  await expectSignedOut(thief, teamPath);
  // Next's session endpoint agrees: no user.
  expect(await (await thief.request.get("/api/auth/session")).json()).not.toHaveProperty("user");
  await copy.close();

  // Signed in again: one app, the one made before sign-out.
  await signInAs(page, login);
  await page.goto(teamPath);
  await expect(page.getByRole("link", { name: first, exact: true })).toHaveCount(1);
  await expect(page.getByRole("link", { name: /^After sign-out/ })).toHaveCount(0);
});

test("sign out of every session ends the user's sessions in every browser, and no one else's", async ({ page, browser }) => {
  const login = taggedLogin("developer");
  await signInAs(page, login);
  const teamPath = await openOwnTeam(page);
  const laptop = await browser.newContext();
  const laptopPage = await laptop.newPage();
  await signInAs(laptopPage, login);
  const copy = await withCopiedCookie(browser, laptop);
  const copyPage = await copy.newPage();
  await copyPage.goto(teamPath);
  const replay = await createAppAndRecord(copyPage, unique("Before everywhere"));
  // Someone else, signed in meanwhile, stays signed in.
  const bystander = await browser.newContext();
  const bystanderPage = await bystander.newPage();
  await signInAs(bystanderPage, taggedLogin("developer"));
  const bystanderTeam = await openOwnTeam(bystanderPage);

  await page.getByRole("button", { name: /^Account/ }).click();
  await page.getByRole("menuitem", { name: "Sign out of every session" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await expectSignedOut(laptopPage, teamPath);
  await expectRefusedAsSignedOut(replay);
  await expectSignedOut(copyPage, teamPath);
  await bystanderPage.goto(bystanderTeam);
  await expect(bystanderPage.getByText("Your role: owner")).toBeVisible();
  await Promise.all([laptop.close(), copy.close(), bystander.close()]);
});

test("a member removed from a team loses every session at once", async ({ page, browser }) => {
  const admin = taggedLogin("admin");
  const member = taggedLogin("viewer");
  await signInAs(page, admin);
  const adminTeam = await openOwnTeam(page);
  await page.goto(`${adminTeam}/members`);
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!;

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signInAs(memberPage, member);
  await memberPage.goto(link);
  await memberPage.getByRole("button", { name: "Join the team" }).click();
  await expect(memberPage.getByText(/Your role: /)).toBeVisible();
  // A copy of the member's cookie, with an action recorded in the member's own team.
  const copy = await withCopiedCookie(browser, memberContext);
  const copyPage = await copy.newPage();
  const memberTeam = await openOwnTeam(copyPage);
  const replay = await createAppAndRecord(copyPage, unique("Before removal"));

  await page.reload();
  const tag = member.split("+")[1]!;
  await page.getByRole("button", { name: `Remove Victor Viewer (${tag})` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove member" }).click();
  await expectToast(page, `Removed Victor Viewer (${tag}) from the team`);

  // Not only the team they were removed from: every session they had has ended.
  await expectSignedOut(memberPage, memberTeam);
  await expectRefusedAsSignedOut(replay);
  await expectSignedOut(copyPage, adminTeam);
  // The admin who removed them is still signed in.
  await page.goto(adminTeam);
  await expect(page.getByText("Your role: owner")).toBeVisible();
  await Promise.all([memberContext.close(), copy.close()]);
});

test("after sign-out the identity provider asks for a login again, so another demo role can sign in", async ({ page }) => {
  await signInAs(page, "owner");
  await page.goto("/demo");
  await expect(page.getByText("Your role: owner")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  // Through the provider's end-session page and back.
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/sign-in$/);

  await page.getByRole("button", { name: "Sign in with Local demo identity provider" }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  await expect(page.locator('input[name="login"]')).toBeVisible();
  await page.locator('input[name="login"]').fill("viewer");
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]');
  if (await consent.isVisible().catch(() => false)) await consent.click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto("/demo");
  await expect(page.getByText("Your role: viewer")).toBeVisible();
  await expect(page.getByRole("button", { name: "Account: viewer@demo.latchkey.test" })).toBeVisible();
});
