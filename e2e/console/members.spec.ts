import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectToast, openTeamSwitcher } from "./console-flows";
import { signInAs, taggedLogin } from "./sign-in-as";

// Role changes, removals and leaving happen in the demo users' personal teams, so that the
// demo team keeps the roles that the other specs rely on.

async function openTeam(page: Page, name: string) {
  await openTeamSwitcher(page);
  await page.getByRole("menuitem", { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole("button", { name: new RegExp(`^Team: ${name}\\.`) })).toBeVisible();
}

async function createInviteLink(page: Page, role: "viewer" | "developer" | "admin"): Promise<string> {
  await page.getByLabel("Role", { exact: true }).click();
  await page.getByRole("option", { name: role, exact: true }).click();
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!;
  expect(link).toMatch(/\/invite\/inv_[A-Za-z0-9_-]{43}$/);
  return link;
}

/** Demo users join the demo team at their first sign-in: makes sure these ones have, whatever ran before. */
async function haveSignedIn(browser: Browser, ...logins: ("owner" | "developer")[]) {
  for (const login of logins) {
    const context = await browser.newContext();
    await signInAs(await context.newPage(), login);
    await context.close();
  }
}

/** Another browser, signed in as a demo user, accepts the invite. */
async function acceptAs(browser: Browser, login: Parameters<typeof signInAs>[1], link: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, login);
  await page.goto(link);
  await page.getByRole("button", { name: "Join the team" }).click();
  await expect(page.getByText(/Your role: /)).toBeVisible();
  return { page, close: () => context.close() };
}

test("an owner changes a member's role and removes them; the last owner can neither step down nor leave", async ({ page, browser }) => {
  await signInAs(page, "admin");
  await openTeam(page, "Adam's team");
  await page.getByRole("link", { name: "Members" }).click();
  const link = await createInviteLink(page, "developer");
  // A viewer of their own: removal ends all of the removed member's sessions, other tests' too.
  const login = taggedLogin("viewer");
  const victorName = `Victor Viewer (${login.split("+")[1]})`;
  const victor = await acceptAs(browser, login, link);
  await victor.close();

  await page.reload();
  const role = page.getByRole("combobox", { name: `Role of ${victorName}` });
  await expect(role).toBeVisible();
  await role.click();
  await page.getByRole("option", { name: "admin", exact: true }).click();
  await expectToast(page, `${victorName} is now admin`);
  await page.reload();
  await expect(page.getByRole("combobox", { name: `Role of ${victorName}` })).toHaveText("admin");

  await page.getByRole("button", { name: `Remove ${victorName}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove member" }).click();
  await expectToast(page, `Removed ${victorName} from the team`);
  await expect(page.getByRole("row").filter({ hasText: `${login}@demo.latchkey.test` })).toHaveCount(0);

  // Adam is this team's only owner.
  await page.getByRole("combobox", { name: "Role of Adam Admin" }).click();
  await page.getByRole("option", { name: "developer", exact: true }).click();
  await expectToast(page, "A team needs at least one owner");
  await expect(page.getByRole("combobox", { name: "Role of Adam Admin" })).toHaveText("owner");
  await page.getByRole("button", { name: "Leave team" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Leave team" }).click();
  await expectToast(page, "You are the last owner of this team");
});

test("an admin of the demo team manages developers but cannot touch the owner", async ({ page, browser }) => {
  await haveSignedIn(browser, "owner", "developer");
  await signInAs(page, "admin");
  await page.goto("/demo/members");
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  // Exact names: tagged demo users (Dana Developer (tag)) from other specs are members too.
  await expect(page.getByRole("combobox", { name: "Role of Dana Developer", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove Dana Developer", exact: true })).toBeVisible();
  const owner = page.getByRole("row").filter({ hasText: "owner@demo.latchkey.test" });
  await expect(owner.getByText("owner", { exact: true })).toBeVisible();
  await expect(owner.getByRole("combobox")).toHaveCount(0);
  await expect(owner.getByRole("button")).toHaveCount(0);
  // An admin cannot hand out the owner role.
  await page.getByRole("combobox", { name: "Role of Dana Developer", exact: true }).click();
  await expect(page.getByRole("option")).toHaveText(["viewer", "developer", "admin"]);
  await page.keyboard.press("Escape");
});

test("a viewer sees the members, and no control they cannot use", async ({ page, browser }) => {
  await haveSignedIn(browser, "owner");
  await signInAs(page, "viewer");
  await page.goto("/demo/members");
  await expect(page.getByRole("row").filter({ hasText: "Olivia Owner" })).toBeVisible();
  await expect(page.getByRole("combobox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Revoke / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create invite link" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Invites" })).toHaveCount(0);
  // Leaving is for everyone.
  await expect(page.getByRole("button", { name: "Leave team" })).toBeVisible();
});

test("a revoked invite's link no longer works", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/demo/members");
  const link = await createInviteLink(page, "viewer");
  const row = page.getByRole("row").filter({ hasText: "Just created" });
  await expect(row).toContainText("anyone with the link");
  await expect(row).toContainText("Pending");
  await row.getByRole("button", { name: /^Revoke invite/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke invite" }).click();
  await expectToast(page, "Invite revoked; its link no longer works");
  await expect(page.getByRole("row").filter({ hasText: "Just created" })).toHaveCount(0);
  await expect(page.getByTestId("invite-link")).toHaveCount(0);

  await page.goto(link);
  await page.getByRole("button", { name: "Join the team" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "invalid, used, revoked or expired" })).toBeVisible();
});

test("a member leaves a team and can no longer open it", async ({ page, browser }) => {
  await signInAs(page, "viewer");
  await openTeam(page, "Victor's team");
  const teamPath = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Members" }).click();
  const link = await createInviteLink(page, "developer");

  const dana = await acceptAs(browser, "developer", link);
  await dana.page.goto(`${teamPath}/members`);
  await dana.page.getByRole("button", { name: "Leave team" }).click();
  await dana.page.getByRole("alertdialog").getByRole("button", { name: "Leave team" }).click();
  await expectToast(dana.page, "You left Victor's team");
  await expect(dana.page).not.toHaveURL(new RegExp(`${teamPath}(/|$)`));
  expect((await dana.page.goto(teamPath))?.status()).toBe(404);
  await dana.close();

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "developer@demo.latchkey.test" })).toHaveCount(0);
});
