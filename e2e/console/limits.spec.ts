import path from "node:path";
import { expect, test } from "@playwright/test";
import { createApp, createAppKey, createProject, expectToast, takeRevealedKey, unique } from "./console-flows";
import { signInAs } from "./sign-in-as";

// Rate limits and credits in the console: set in the create dialog, shown and changed on the key
// page, and their outcomes in the usage chart, against the real server.

const ARTIFACTS = path.resolve(import.meta.dirname, "../.artifacts/console-features");

test("a key made with a rate limit and credits shows its balance, takes a top-up, and is refused once spent", async ({ page, request }) => {
  test.setTimeout(120_000);
  await signInAs(page, "owner");
  await page.goto("/demo");
  await createApp(page, unique("Limits app"));
  const verifier = await createAppKey(page, "Limits verifier", "verifier");
  await createProject(page, unique("Limits project"));

  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByLabel("Name").fill("Metered key");
  await dialog.getByRole("button", { name: "Add rate limit" }).click();
  await dialog.getByLabel("Requests").fill("abc");
  await dialog.getByLabel("Limit the number of uses with credits").check();
  await dialog.getByLabel("Credits", { exact: true }).fill("2");
  await dialog.getByRole("button", { name: "Create key" }).click();
  // Checked before anything is sent.
  await expect(dialog.getByRole("alert")).toHaveText(/Rate limit 1: the limit is a whole number/);
  await dialog.getByLabel("Requests").fill("100");
  await dialog.getByLabel("Refill").click();
  await page.getByRole("option", { name: "Monthly (UTC)" }).click();
  await dialog.getByLabel("Refill to").fill("500");
  await page.screenshot({ path: path.join(ARTIFACTS, "create-dialog-limits.png") });
  await dialog.getByRole("button", { name: "Create key" }).click();
  const key = await takeRevealedKey(page);

  const verify = async () =>
    (await request.post("/v1/api-keys/verify", { headers: { authorization: `Bearer ${verifier}` }, data: { key } })).json() as Promise<{
      code: string;
      credits_remaining: number | null;
      rate_limits: { name: string; remaining: number }[];
    }>;
  expect(await verify()).toMatchObject({ code: "VALID", credits_remaining: 1, rate_limits: [{ name: "burst", remaining: 99 }] });
  expect(await verify()).toMatchObject({ code: "VALID", credits_remaining: 0 });
  expect((await verify()).code).toBe("USAGE_EXCEEDED");

  await page.getByRole("link", { name: "Metered key", exact: true }).click();
  const details = page.getByRole("main");
  await expect(details.getByText("burst: 100 per minute")).toBeVisible();
  // The balance reaches the database within a second: the page shows it once reloaded.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("credits-remaining")).toHaveText("0", { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(details.getByText(/Refilled to 500 monthly/)).toBeVisible();

  const balance = page.getByRole("form", { name: "Change the balance" });
  await balance.getByLabel("Credits").fill("5");
  await balance.getByRole("button", { name: "Apply" }).click();
  await expectToast(page, "Credits now 5");
  await expect(page.getByTestId("credits-remaining")).toHaveText("5");
  expect(await verify()).toMatchObject({ code: "VALID", credits_remaining: 4 });

  // The chart counts the refusal.
  await page.reload();
  await expect(page.getByText("Out of credits").first()).toBeVisible();
  await page.screenshot({ path: path.join(ARTIFACTS, "key-limits.png"), fullPage: true });

  // Unlimited again: the key verifies without a balance.
  const form = page.getByRole("form", { name: "Rate limits and credits" });
  await form.getByLabel("Limit the number of uses with credits").uncheck();
  await form.getByRole("button", { name: "Remove rate limit burst" }).click();
  await form.getByRole("button", { name: "Save rate limits and credits" }).click();
  await expectToast(page, "Rate limits and credits saved");
  await expect(details.getByText("Unlimited")).toBeVisible();
  expect(await verify()).toMatchObject({ code: "VALID", credits_remaining: null, rate_limits: [] });
});
