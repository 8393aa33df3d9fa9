import { expect, test } from "@playwright/test";
import { createApp, createAppKey, createProject, keyIdOfRow, takeRevealedKey, unique } from "./console-flows";
import { signInAs } from "./sign-in-as";

// The whole job in one journey: sign in through the local OpenID provider, create an app, a
// project and a key, prove the key works with a real verify call, then rename, rotate with a
// grace period, revoke, and find each step in the audit log.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("an admin issues, renames, rotates and revokes a key, and the audit log tells the story", async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await signInAs(page, "admin");
  await page.goto("/demo");

  const appPath = await createApp(page, unique("Journey app"));
  const verifierKey = await createAppKey(page, "Journey verifier", "verifier");
  await shot("app");
  const projectPath = await createProject(page, unique("Journey project"));

  // Create a key and copy it from the reveal dialog with the copy button.
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByLabel("Name").fill("Checkout service");
  await dialog.getByLabel("Scopes").fill("orders:read");
  await dialog.getByLabel("Scopes").press("Enter");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const reveal = page.getByRole("dialog");
  await expect(reveal.getByRole("button", { name: "Done" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(reveal).toBeVisible(); // it closes only after the acknowledgement
  await reveal.getByRole("button", { name: "Copy key" }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  await shot("key-reveal");
  const plaintext = await takeRevealedKey(page);
  expect(copied).toBe(plaintext);

  // The secret is gone from the page, and a reload shows only the prefix.
  expect(await page.content()).not.toContain(plaintext);
  await page.reload();
  expect(await page.content()).not.toContain(plaintext);
  await expect(page.getByRole("cell", { name: `${plaintext.slice(0, 16)}…` })).toBeVisible();

  const verify = async (key: string, scopes?: string[]) => {
    const response = await request.post("/v1/api-keys/verify", {
      headers: { authorization: `Bearer ${verifierKey}` },
      data: { key, scopes },
    });
    expect(response.status()).toBe(200);
    return (await response.json()) as { valid: boolean; code: string };
  };
  expect(await verify(plaintext, ["orders:read"])).toMatchObject({ valid: true, code: "VALID" });
  expect(await verify(plaintext, ["orders:write"])).toMatchObject({ valid: false, code: "INSUFFICIENT_SCOPES" });

  // Rename in place.
  const oldId = await keyIdOfRow(page, "Checkout service");
  await page.getByRole("button", { name: "Rename key Checkout service" }).click();
  await page.getByLabel("New key name").fill("Checkout backend");
  await page.getByLabel("New key name").press("Enter");
  await expect(page.getByRole("link", { name: "Checkout backend", exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Renamed to Checkout backend" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name: "Checkout backend", exact: true })).toBeVisible();

  // Rotate with a one-hour grace period: both keys verify.
  await page.getByRole("button", { name: "Actions for Checkout backend" }).click();
  await page.getByRole("menuitem", { name: "Rotate…" }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate Checkout backend" });
  await rotate.getByLabel("Grace period", { exact: true }).fill("1");
  await rotate.getByLabel("Grace period: unit").click();
  await page.getByRole("option", { name: "hours" }).click();
  await rotate.getByRole("button", { name: "Rotate key" }).click();
  await expect(page.getByTestId("grace-note")).toContainText("keeps working until");
  const rotated = await takeRevealedKey(page);
  expect(rotated).not.toBe(plaintext);
  expect(await verify(plaintext)).toMatchObject({ valid: true, code: "VALID" });
  expect(await verify(rotated)).toMatchObject({ valid: true, code: "VALID" });
  const oldRow = page.getByTestId(`key-row-${oldId}`);
  await expect(oldRow.getByText("In grace")).toBeVisible();
  await shot("project-after-rotation");

  // The old key's page shows the chain: both keys, and when the old one stops.
  await page.goto(`${appPath}/keys/${oldId}`);
  const chain = page.getByRole("list", { name: "Rotation chain, oldest first" });
  await expect(chain.getByRole("listitem")).toHaveCount(2);
  await expect(chain.getByRole("listitem").first()).toContainText("replaced; stops in 1 hour");
  await shot("key-page");

  // Revoke the new key from its page: verification fails at once, and the badge says so.
  const newLink = chain.getByRole("link").nth(1);
  const newId = (await newLink.getAttribute("href"))!.split("/").pop()!;
  await newLink.click();
  await expect(page).toHaveURL(new RegExp(`/keys/${newId}$`));
  await expect(page.getByRole("listitem").filter({ hasText: "(this key)" })).toContainText(rotated.slice(0, 16));
  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("main").getByText("Revoked", { exact: true }).first()).toBeVisible();
  expect(await verify(rotated)).toMatchObject({ valid: false, code: "REVOKED" });

  // And the old one from the table.
  await page.goto(projectPath);
  await page.getByTestId(`key-row-${oldId}`).getByRole("button", { name: "Actions for Checkout backend" }).click();
  await page.getByRole("menuitem", { name: "Revoke…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByTestId(`key-row-${oldId}`).getByText("Revoked", { exact: true })).toBeVisible();
  expect(await verify(plaintext)).toMatchObject({ valid: false, code: "REVOKED" });

  // The audit log shows every step, by this admin.
  await page.goto(`/demo/audit?target_id=${oldId}`);
  for (const action of ["api_key.created", "api_key.updated", "api_key.rotated", "api_key.revoked"]) {
    await expect(page.getByRole("cell", { name: action, exact: true })).toHaveCount(1);
  }
  await page.goto(`/demo/audit?target_id=${newId}`);
  await expect(page.getByRole("cell", { name: "api_key.revoked", exact: true })).toHaveCount(1);
  await shot("audit");
});
