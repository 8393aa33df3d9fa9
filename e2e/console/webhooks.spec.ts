import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { startReceiver } from "../../test/helpers/webhook-receiver";
import { createApp, createProject, expectToast, takeRevealedKey, unique } from "./console-flows";
import { signInAs } from "./sign-in-as";

// The project's "Rotation & webhooks" page: the key policy editor, the signing secret (shown
// once), and the delivery log with a redelivery. The webhook goes to an https receiver on
// loopback (the server runs in production: https only), which verifies every signature with
// the standardwebhooks package under the secret the console revealed.

test.describe.configure({ timeout: 180_000 });

const tls = { key: readFileSync(path.resolve("e2e/tls/loopback-key.pem")), cert: readFileSync(path.resolve("e2e/tls/loopback-cert.pem")) };

test("an admin edits the key policy, rotates the signing secret, and redelivers a rotation's webhook", async ({
  page,
  context,
}, testInfo) => {
  const receiver = await startReceiver({ tls });
  try {
    await signInAs(page, "admin");
    await page.goto("/demo");
    await createApp(page, unique("Hooks app"));
    const projectPath = await createProject(page, unique("Hooks project"));
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Rotation & webhooks" }).click();
    await expect(page).toHaveURL(new RegExp(`${projectPath}/webhooks$`));
    const policy = page.getByRole("form", { name: "Key policy" });

    // A wrong value is named next to its field, and what was typed stays.
    await policy.getByLabel("Default rotation interval (days)").fill("0");
    await policy.getByLabel("Default grace period", { exact: true }).fill("1");
    await policy.getByLabel("Default grace period: unit").click();
    await page.getByRole("option", { name: "hours" }).click();
    await policy.getByRole("button", { name: "Save policy" }).click();
    await expect(policy.getByRole("alert")).toHaveText("must be from 1 to 3650 days");
    await expect(policy.getByLabel("Default grace period", { exact: true })).toHaveValue("1");
    await expect(policy.getByText("The old key keeps working for 1 hour.")).toBeVisible();

    await policy.getByLabel("Default rotation interval (days)").fill("30");
    await policy.getByLabel(/Keys in development must have an expiry/).check();
    await policy.getByRole("button", { name: "Save policy" }).click();
    await expectToast(page, "Key policy saved");
    await page.reload();
    await expect(policy.getByLabel("Default rotation interval (days)")).toHaveValue("30");
    await expect(policy.getByLabel("Default grace period", { exact: true })).toHaveValue("1");
    await expect(policy.getByLabel("Default grace period: unit")).toHaveText("hours");
    await expect(policy.getByLabel(/Keys in development must have an expiry/)).toBeChecked();
    await expect(policy.getByLabel(/Keys in production must have an expiry/)).not.toBeChecked();

    // The signing secret: created, shown once, then rotated; the page never shows it again.
    await page.getByRole("button", { name: "Create signing secret" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Create secret" }).click();
    await takeSecret(page);
    await page.getByRole("button", { name: "Rotate signing secret" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Rotate secret" }).click();
    await expect(page.getByRole("dialog").getByText("signed with the previous secret too")).toBeVisible();
    const secret = await takeSecret(page);
    receiver.secrets.push(secret);
    await page.reload();
    expect(await page.content()).not.toContain(secret);
    await expect(page.getByText("The previous secret signs beside it and stops")).toBeVisible();

    // A key whose webhook is the receiver, rotated with a grace period: its new key is held for delivery.
    receiver.behave("/console", "fail");
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "API keys" }).click();
    await page.getByRole("button", { name: "Create key" }).click();
    const create = page.getByRole("dialog", { name: "New API key" });
    await create.getByLabel("Name").fill("Hooked service");
    await create.getByLabel("Rotation webhook URL").fill(receiver.url("/console"));
    await create.getByRole("button", { name: "Create key" }).click();
    await takeRevealedKey(page);
    await page.getByRole("button", { name: "Actions for Hooked service" }).click();
    await page.getByRole("menuitem", { name: "Rotate…" }).click();
    const rotate = page.getByRole("dialog", { name: "Rotate Hooked service" });
    await rotate.getByLabel("Grace period", { exact: true }).fill("1");
    await rotate.getByLabel("Grace period: unit").click();
    await page.getByRole("option", { name: "hours" }).click();
    await rotate.getByRole("button", { name: "Rotate key" }).click();
    const newKey = await takeRevealedKey(page);

    // The log shows the message; the receiver is down, so a redelivery fails and says why.
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Rotation & webhooks" }).click();
    const row = page.getByTestId("delivery-row").filter({ hasText: "api_key.rotated" });
    await expect(row).toHaveCount(1);
    await row.getByRole("button", { name: /^Redeliver/ }).click();
    await expectToast(page, "Redelivery failed: HTTP 503");
    await expect(row.getByText("HTTP 503")).toBeVisible();
    await expect(row.getByText("Pending")).toBeVisible();

    // Back up: the redelivery arrives, signed with the revealed secret and carrying the new key.
    receiver.behave("/console", "ok");
    await row.getByRole("button", { name: /^Redeliver/ }).click();
    // The server's own scheduler retries the message too, and may deliver it first: then the
    // redelivery is refused because the key is no longer held. Either way it is delivered.
    await expect(
      page
        .locator('[data-slot="toast"]')
        .filter({ hasText: /Delivered: HTTP 200|no longer held/ })
        .first(),
    ).toBeVisible();
    await expect(row.getByText("Delivered")).toBeVisible();
    await expect(row.getByRole("button", { name: /^Redeliver/ })).toHaveCount(0);
    const delivered = receiver.on("/console").at(-1)!;
    expect(delivered).toMatchObject({ type: "api_key.rotated", verifiedBy: 0 });
    expect(delivered.data.key).toBe(newKey);
    expect(await page.content()).not.toContain(newKey);

    // Every attempt, with its status and the response excerpt, in the message's details.
    await row.getByRole("button", { name: /^Details of api_key\.rotated/ }).click();
    const details = page.getByRole("dialog", { name: "api_key.rotated" });
    await expect(details.getByText("receiver is down for maintenance").first()).toBeVisible();
    await expect(details.getByText("HTTP 200")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("webhooks-details.png"), fullPage: true });
    await details.getByRole("button", { name: "Close" }).click();

    for (const theme of ["light", "dark"] as const) {
      await context.addCookies([{ name: "latchkey-theme", value: theme, domain: "localhost", path: "/" }]);
      await page.reload();
      await expect(page.getByTestId("delivery-row").first()).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`webhooks-${theme}.png`), fullPage: true });
      // With a delivery in the log, the page still has no serious accessibility violation.
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
      expect(
        results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
        theme,
      ).toEqual([]);
    }

    // A viewer reads the same page without a single write control; a developer may redeliver.
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "API keys" }).click();
    const newRow = page
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: "Hooked service", exact: true }) })
      .filter({ hasText: "Active" });
    await newRow.getByRole("button", { name: "Actions for Hooked service" }).click();
    await page.getByRole("menuitem", { name: "Revoke…" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
    await expectToast(page, "Revoked Hooked service");
    for (const role of ["viewer", "developer"] as const) {
      const other = await context.browser()!.newPage();
      await signInAs(other, role);
      await other.goto(`${projectPath}/webhooks`);
      await expect(other.getByTestId("delivery-row").filter({ hasText: "api_key.revoked" })).toHaveCount(1);
      await expect(other.getByRole("button", { name: "Save policy" })).toHaveCount(0);
      await expect(other.getByRole("button", { name: /signing secret/ })).toHaveCount(0);
      await expect(other.getByText("Every 30 days")).toBeVisible();
      await expect(other.getByText("1 hour", { exact: true })).toBeVisible();
      await expect(other.getByRole("button", { name: /^Redeliver/ })).toHaveCount(role === "developer" ? 1 : 0);
      if (role === "viewer") await other.screenshot({ path: testInfo.outputPath("webhooks-viewer.png"), fullPage: true });
      await other.close();
    }
  } finally {
    receiver.close();
  }
});

/** Reads a signing secret from the one-time dialog, acknowledges it and closes the dialog. */
async function takeSecret(page: import("@playwright/test").Page): Promise<string> {
  const dialog = page.getByRole("dialog");
  const secret = (await dialog.getByTestId("revealed-key").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
  await dialog.getByLabel("I have copied this secret and stored it safely.").check();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  return secret;
}
