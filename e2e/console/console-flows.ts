import { expect, type Page } from "@playwright/test";

// Steps through the console that several specs share. Each one drives the real UI.

/** A toast with this text is on screen (not the copy that Radix keeps for screen readers). */
export async function expectToast(page: Page, text: string) {
  await expect(page.locator('[data-slot="toast"]').filter({ hasText: text }).first()).toBeVisible();
}

export const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** On a team page: creates an app and opens it. Returns the app page's path. */
export async function createApp(page: Page, name: string): Promise<string> {
  await page.getByLabel("New app").fill(name);
  await page.getByRole("button", { name: "Create app" }).click();
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** On an app page: creates a project and opens it. Returns the project page's path. */
export async function createProject(page: Page, name: string): Promise<string> {
  await page.getByLabel("New project").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Reads the secret from the one-time dialog, acknowledges it and closes the dialog. */
export async function takeRevealedKey(page: Page): Promise<string> {
  const dialog = page.getByRole("dialog");
  const secret = (await dialog.getByTestId("revealed-key").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^lk_(app|live|test)_[0-9A-Za-z]{57}$/);
  await dialog.getByLabel("I have copied this key and stored it safely.").check();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  return secret;
}

/** On a project page: creates a key through the dialog and returns its plaintext. */
export async function createKey(page: Page, name: string, scopes: string[] = []): Promise<string> {
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByLabel("Name").fill(name);
  for (const scope of scopes) {
    await dialog.getByLabel("Scopes").fill(scope);
    await dialog.getByLabel("Scopes").press("Enter");
  }
  await dialog.getByRole("button", { name: "Create key" }).click();
  return takeRevealedKey(page);
}

/** On an app page: creates an app admin key with a role and returns its plaintext. */
export async function createAppKey(page: Page, name: string, role: "admin" | "verifier"): Promise<string> {
  await page.getByRole("button", { name: "Create app key" }).click();
  const dialog = page.getByRole("dialog", { name: /New app admin key/ });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Role").click();
  await page.getByRole("option", { name: new RegExp(`^${role}`, "i") }).click();
  await dialog.getByRole("button", { name: "Create key" }).click();
  return takeRevealedKey(page);
}

/** The id of a key from its row in the keys table. */
export async function keyIdOfRow(page: Page, name: string): Promise<string> {
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  const testId = await row.getAttribute("data-testid");
  return testId!.replace("key-row-", "");
}

/**
 * Opens the team switcher. A click that lands before the page has hydrated does nothing (React
 * has not attached its handler yet), as it would for a person, who clicks again: so does this.
 */
export async function openTeamSwitcher(page: Page): Promise<void> {
  const button = page.getByRole("button", { name: /Switch team/ });
  await expect(async () => {
    if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
    await expect(page.getByRole("menu")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}
