import { expect, type Page, test } from "@playwright/test";
import { createApp, createKey, createProject, expectToast, unique } from "./console-flows";
import { signInAs } from "./sign-in-as";

// The key lifecycle in the console: disable and enable from the row menu and the key page,
// multi-select with disable, enable and revoke, an owner at creation, meta and an IP allow-list on
// the key page, the stale-key and leak policy, and the project's webhook endpoints.

test.describe.configure({ timeout: 150_000 });

const row = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });

async function setUp(page: Page): Promise<string> {
  await signInAs(page, "admin");
  await page.goto("/demo");
  await createApp(page, unique("Lifecycle app"));
  return createProject(page, unique("Lifecycle project"));
}

test("disable, enable and revoke keys one at a time and several at once", async ({ page }, testInfo) => {
  const projectPath = await setUp(page);
  for (const name of ["Alpha key", "Beta key", "Gamma key"]) await createKey(page, name);

  await row(page, "Alpha key").getByRole("button", { name: "Actions for Alpha key" }).click();
  await page.getByRole("menuitem", { name: "Disable" }).click();
  await expectToast(page, "Disabled Alpha key");
  await expect(row(page, "Alpha key").getByText("Disabled", { exact: true })).toBeVisible();
  await row(page, "Alpha key").getByRole("button", { name: "Actions for Alpha key" }).click();
  // A disabled key can be enabled, not rotated.
  await expect(page.getByRole("menuitem", { name: "Rotate…" })).toHaveCount(0);
  await page.getByRole("menuitem", { name: "Enable" }).click();
  await expectToast(page, "Enabled Alpha key");
  await expect(row(page, "Alpha key").getByText("Active", { exact: true })).toBeVisible();

  await row(page, "Beta key").getByLabel("Select Beta key").check();
  await row(page, "Gamma key").getByLabel("Select Gamma key").check();
  const bar = page.getByRole("region", { name: "Selected keys" });
  await expect(bar).toContainText("2 keys selected");
  await page.screenshot({ path: testInfo.outputPath("multi-select.png"), fullPage: true });
  await bar.getByRole("button", { name: "Disable" }).click();
  await expectToast(page, "Disabled 2 keys");
  await expect(bar).toBeHidden();
  for (const name of ["Beta key", "Gamma key"]) await expect(row(page, name).getByText("Disabled", { exact: true })).toBeVisible();

  await page.getByLabel("Select every key on this page").check();
  await expect(bar).toContainText("3 keys selected");
  await bar.getByRole("button", { name: "Revoke…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke 3 keys" }).click();
  await expectToast(page, "Revoked 3 keys");
  for (const name of ["Alpha key", "Beta key", "Gamma key"])
    await expect(row(page, name).getByText("Revoked", { exact: true })).toBeVisible();

  // The status filter knows disabled keys.
  await createKey(page, "Delta key");
  await row(page, "Delta key").getByRole("button", { name: "Actions for Delta key" }).click();
  await page.getByRole("menuitem", { name: "Disable" }).click();
  await page.goto(`${projectPath}?status=disabled`);
  await expect(page.getByRole("link", { name: "Delta key", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Alpha key", exact: true })).toHaveCount(0);
});

test("a key's owner, meta and IP allow-list, and its disabled state, on its page", async ({ page }, testInfo) => {
  await setUp(page);
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByLabel("Name").fill("Owned key");
  await dialog.getByLabel("Owner ID").fill("cus_4242");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog").getByLabel("I have copied this key and stored it safely.").check();
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  await page.getByRole("link", { name: "Owned key", exact: true }).click();

  const details = page.getByRole("region", { name: "Details" });
  await expect(details).toContainText("cus_4242");
  await expect(details).toContainText("Any address");
  const form = page.getByRole("form", { name: "Owner, meta and IP allow-list" });
  await form.getByLabel("Meta (JSON object)").fill('{"plan": "pro"');
  await form.getByRole("button", { name: "Save owner, meta and allow-list" }).click();
  await expect(form.getByRole("alert")).toContainText("not JSON");
  await form.getByLabel("Meta (JSON object)").fill('{"plan": "pro", "seats": 5}');
  await form.getByLabel("IP allow-list").fill("203.0.113.0/24\n10.0.0.300");
  await form.getByRole("button", { name: "Save owner, meta and allow-list" }).click();
  await expect(form.getByRole("alert")).toContainText('"10.0.0.300" is not an IPv4 or IPv6 address');
  await form.getByLabel("IP allow-list").fill("203.0.113.0/24\n2001:DB8::/32");
  await form.getByRole("button", { name: "Save owner, meta and allow-list" }).click();
  await expectToast(page, "Owner, meta and allow-list saved");
  await expect(details).toContainText("2001:db8::/32");
  await expect(form.getByLabel("Meta (JSON object)")).toHaveValue(/"seats": 5/);

  await page.getByRole("button", { name: "Disable" }).click();
  await expectToast(page, "Disabled Owned key");
  await expect(details).toContainText("by hand");
  await expect(page.getByRole("button", { name: "Rotate" })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("disabled-key-page.png"), fullPage: true });
  await page.getByRole("button", { name: "Enable" }).click();
  await expectToast(page, "Enabled Owned key");
  await expect(page.getByRole("region", { name: "Audit trail" })).toContainText("api_key.disabled");
});

test("the stale-key and leak policy, and the project's webhook endpoints", async ({ page }, testInfo) => {
  const projectPath = await setUp(page);
  await page.goto(`${projectPath}/webhooks`);
  const policy = page.getByRole("form", { name: "Key policy" });
  await policy.getByLabel("Disable keys unused for (days)").fill("90");
  await policy.getByLabel("When a key is reported leaked").selectOption("revoke");
  await policy.getByRole("button", { name: "Save policy" }).click();
  await expectToast(page, "Key policy saved");
  await page.reload();
  await expect(policy.getByLabel("Disable keys unused for (days)")).toHaveValue("90");
  await expect(policy.getByLabel("When a key is reported leaked")).toHaveValue("revoke");

  const add = page.getByRole("form", { name: "Add a webhook endpoint" });
  await add.getByLabel("Endpoint URL").fill("ftp://hooks.example.com");
  await add.getByRole("button", { name: "Add endpoint" }).click();
  await expect(add.getByRole("alert")).toContainText("http or https URL");
  await add.getByLabel("Endpoint URL").fill("https://hooks.example.com/siem");
  await add.getByLabel("api_key.created").uncheck();
  await add.getByRole("button", { name: "Add endpoint" }).click();
  await expectToast(page, "Added https://hooks.example.com/siem");
  const list = page.getByRole("list", { name: "Webhook endpoints" });
  await expect(list).toContainText("https://hooks.example.com/siem");
  await expect(list).toContainText("api_key.leaked");
  await expect(list).not.toContainText("api_key.created");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("webhook-endpoints.png"), fullPage: true });

  await list.getByRole("button", { name: "Remove https://hooks.example.com/siem" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove endpoint" }).click();
  await expectToast(page, "Removed https://hooks.example.com/siem");
  await expect(page.getByText("No endpoint yet.")).toBeVisible();
});
