import { expect, test } from "@playwright/test";
import { expectToast, openTeamSwitcher } from "./console-flows";
import { signInAs } from "./sign-in-as";

test("an admin sets the demo team's auto-join domain (only their own) and clears it again", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/demo/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByTestId("team-slug")).toHaveText("demo");
  const status = page.getByTestId("auto-join-status");
  const domain = page.getByLabel("Domain");
  try {
    // Not the domain of the admin's own email: refused, next to the field.
    await domain.fill("example.com");
    await page.getByRole("button", { name: "Save domain" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "must be the domain of your own verified email (demo.latchkey.test)" }),
    ).toBeVisible();
    await expect(domain).toHaveAttribute("aria-invalid", "true");
    await domain.fill("not a domain");
    await page.getByRole("button", { name: "Save domain" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "must be a domain name" })).toBeVisible();

    await domain.fill("Demo.Latchkey.test");
    await page.getByLabel("Joins as").click();
    await page.getByRole("option", { name: "viewer", exact: true }).click();
    await page.getByRole("button", { name: "Save domain" }).click();
    await expectToast(page, "People at demo.latchkey.test now join as viewer");
    await expect(status).toContainText("demo.latchkey.test");
    await expect(status).toContainText("viewer");
    await expect(domain).not.toHaveAttribute("aria-invalid");
    await page.reload();
    await expect(status).toContainText("On: new people with a verified email at demo.latchkey.test join as viewer");
  } finally {
    // Leave the demo team as the other specs expect it.
    if (await page.getByRole("button", { name: "Clear" }).isVisible()) await page.getByRole("button", { name: "Clear" }).click();
  }
  await expect(status).toContainText("Off");
  await expect(domain).toHaveValue("");
});

test("a viewer reads the settings but cannot change them", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/demo/settings");
  await expect(page.getByTestId("team-slug")).toHaveText("demo");
  await expect(page.getByText("An admin or owner of this team can change this.")).toBeVisible();
  await expect(page.getByLabel("Domain")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Save|Clear|Rename/ })).toHaveCount(0);
});

test("a team is renamed in place and keeps its slug", async ({ page }) => {
  // The developer's own team: the demo team's name is what other specs look for.
  await signInAs(page, "developer");
  await page.goto("/");
  await openTeamSwitcher(page);
  await page
    .getByRole("menuitem", { name: /^Dana's/ })
    .first()
    .click();
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  const slug = (await page.getByTestId("team-slug").textContent())!;
  const name = `Dana's lab ${Date.now().toString(36)}`;
  await page.getByRole("button", { name: /^Rename team/ }).click();
  await page.getByLabel("New team name").fill(name);
  await page.getByLabel("New team name").press("Enter");
  await expectToast(page, `Renamed the team to ${name}`);
  await expect(page.getByRole("button", { name: `Team: ${name}. Switch team` })).toBeVisible();
  await expect(page.getByTestId("team-slug")).toHaveText(slug);

  await page.getByRole("button", { name: /^Rename team/ }).click();
  await page.getByLabel("New team name").fill("Dana's team");
  await page.getByLabel("New team name").press("Enter");
  await expect(page.getByRole("button", { name: "Team: Dana's team. Switch team" })).toBeVisible();
});
