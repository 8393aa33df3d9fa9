import { expect, test } from "@playwright/test";
import { createApp, createAppKey, createKey, createProject, expectToast, unique } from "./console-flows";
import { signInAs } from "./sign-in-as";

// Each test signs in twice or drives several dialogs: more time than the default.
test.describe.configure({ timeout: 120_000 });

test("the create-key form explains what is wrong and keeps what was typed", async ({ page }, testInfo) => {
  await signInAs(page, "developer");
  // A developer cannot create apps or projects: an admin's app and project are reused.
  const admin = await page.context().browser()!.newPage();
  await signInAs(admin, "admin");
  await admin.goto("/demo");
  await createApp(admin, unique("Forms app"));
  const projectPath = await createProject(admin, unique("Forms project"));
  await admin.close();

  await page.goto(projectPath);
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "must not be empty" })).toHaveText("must not be empty");

  await dialog.getByLabel("Name").fill("Webhook test");
  await dialog.getByLabel("Rotate every (days)").fill("ten");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "whole number of days" })).toBeVisible();

  await dialog.getByLabel("Rotate every (days)").fill("30");
  await expect(dialog.getByTestId("next-rotation-preview")).toContainText("Next rotation:");
  // The grace period is a duration picker: an amount and a unit, never raw seconds.
  await dialog.getByLabel("Grace period when rotated on schedule", { exact: true }).fill("-5");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "from 0 to 30 days, in minutes, hours or days" })).toBeVisible();
  await dialog.getByLabel("Grace period when rotated on schedule", { exact: true }).fill("60");
  await dialog.getByLabel("Grace period when rotated on schedule: unit").click();
  await page.getByRole("option", { name: "minutes" }).click();
  await expect(dialog.getByText("The old key keeps working for 1 hour.")).toBeVisible();
  await dialog.getByLabel("Rotation webhook URL").fill("http://example.com/hook");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "must use https" })).toBeVisible();
  await expect(dialog.getByLabel("Name")).toHaveValue("Webhook test");

  await dialog.getByLabel("Expires").click();
  await page.getByRole("option", { name: "On a date…" }).click();
  await dialog.getByLabel("Expiry date (UTC)").fill("2020-01-01");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "date in the future" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("create-key-errors.png"), fullPage: true });

  // Fixed, it goes through, and the policy shows on the key's page.
  await dialog.getByLabel("Expires").click();
  await page.getByRole("option", { name: "In 30 days" }).click();
  await dialog.getByLabel("Rotation webhook URL").fill("https://hooks.example.com/latchkey");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog").getByLabel("I have copied this key and stored it safely.").check();
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  await page.getByRole("link", { name: "Webhook test", exact: true }).click();
  await expect(page.getByLabel("Rotate every (days)")).toHaveValue("30");
  await expect(page.getByLabel("Rotation webhook URL")).toHaveValue("https://hooks.example.com/latchkey");
  // Saved as 3600 seconds, it reads back in the largest unit that shows it exactly.
  await expect(page.getByLabel("Grace period when rotated on schedule", { exact: true })).toHaveValue("1");
  await expect(page.getByLabel("Grace period when rotated on schedule: unit")).toHaveText("hours");
  await expect(page.getByText("Expiring soon")).toHaveCount(0);

  // The grace period changes on its own, and survives a reload.
  await page.getByLabel("Grace period when rotated on schedule", { exact: true }).fill("0");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.locator('[data-slot="toast"]').filter({ hasText: "Rotation policy saved" }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Grace period when rotated on schedule", { exact: true })).toHaveValue("0");

  // Clearing the policy clears the schedule.
  await page.getByRole("button", { name: "Clear policy" }).click();
  await expect(page.getByLabel("Rotate every (days)")).toHaveValue("");
  await expect(page.getByLabel("Grace period when rotated on schedule", { exact: true })).toHaveValue("");
  await expect(page.getByText("Not scheduled").first()).toBeVisible();
});

test("a viewer sees apps, projects and keys but no control that changes them", async ({ browser }) => {
  const admin = await browser.newPage();
  await signInAs(admin, "admin");
  await admin.goto("/demo");
  const appPath = await createApp(admin, unique("Read-only app"));
  await createAppKey(admin, "Viewer sees me", "admin");
  const projectPath = await createProject(admin, unique("Read-only project"));
  await createKey(admin, "Visible key", ["read:all"]);
  const keyPath = (await admin.getByRole("link", { name: "Visible key", exact: true }).getAttribute("href"))!;
  await admin.close();

  const page = await browser.newPage();
  await signInAs(page, "viewer");
  await page.goto("/demo");
  await expect(page.getByLabel("New app")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Rename|Delete) app/ })).toHaveCount(0);

  await page.goto(appPath);
  await expect(page.getByRole("cell", { name: "Viewer sees me" })).toBeVisible();
  await expect(page.getByLabel("New project")).toHaveCount(0);
  await expect(
    page.getByRole("button", { name: /Create app key|Delete app key|Rename app key|Delete project|Rename project/ }),
  ).toHaveCount(0);

  await page.goto(projectPath);
  await expect(page.getByRole("link", { name: "Visible key", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /Create key|Rename key|Rotate|Revoke/ })).toHaveCount(0);

  await page.goto(keyPath);
  await expect(page.getByRole("heading", { level: 1, name: "Visible key" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Rename|Rotate|Revoke|Save policy/ })).toHaveCount(0);
  await expect(page.getByLabel("Rotate every (days)")).toHaveCount(0);
  await page.close();
});

test("app admin keys: create with a role, use, rename, delete", async ({ page, request }) => {
  await signInAs(page, "admin");
  await page.goto("/demo");
  const appPath = await createApp(page, unique("Admin keys app"));
  const appId = appPath.split("/").pop()!;
  const adminKey = await createAppKey(page, "Deploy bot", "admin");
  const verifierKey = await createAppKey(page, "Edge verifier", "verifier");
  expect(adminKey).toMatch(/^lk_app_/);
  await expect(page.getByRole("row").filter({ hasText: "Edge verifier" }).getByText("verifier", { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(adminKey);

  const list = (key: string) => request.get(`/v1/apps/${appId}/api-keys`, { headers: { authorization: `Bearer ${key}` } });
  expect((await list(adminKey)).status()).toBe(200);
  expect((await list(verifierKey)).status()).toBe(403);

  await page.getByRole("button", { name: "Rename app key Deploy bot" }).click();
  await page.getByLabel("New app key name").fill("Deploy robot");
  await page.getByLabel("New app key name").press("Enter");
  await expect(page.getByRole("row").filter({ hasText: "Deploy robot" })).toBeVisible();
  // The row shows the new name at once (optimistic); the toast says the server saved it.
  await expectToast(page, "Renamed to Deploy robot");
  const listed = (await (await list(adminKey)).json()) as { api_keys: { name: string }[] };
  expect(listed.api_keys.map((k) => k.name)).toContain("Deploy robot");

  await page.getByRole("button", { name: "Delete app key Deploy robot" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete key" }).click();
  // While the dialog waits for the server, the table behind it is hidden from the accessibility
  // tree; the toast is what says the server has deleted the key.
  await expectToast(page, "Deleted Deploy robot; it no longer authenticates");
  await expect(page.getByRole("row").filter({ hasText: "Deploy robot" })).toHaveCount(0);
  expect((await list(adminKey)).status()).toBe(401);
});
