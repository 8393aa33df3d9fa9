import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in-as";

// The auto-join domain lets everyone with a verified email at a domain into a team, so the
// admin who sets it must hold an email there that the identity provider verified. The local
// provider's `unverified` demo user is an admin of the demo team whose email_verified claim is false.

test("an admin whose email the identity provider did not verify cannot set the auto-join domain", async ({ page }) => {
  await signInAs(page, "unverified");
  await page.goto("/demo/settings");
  const domain = page.getByLabel("Domain");
  await domain.fill("demo.latchkey.test");
  await page.getByRole("button", { name: "Save domain" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "your email (unverified@demo.latchkey.test) is not verified by your identity provider" }),
  ).toBeVisible();
  await expect(domain).toHaveAttribute("aria-invalid", "true");
});
