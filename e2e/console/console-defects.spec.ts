import { expect, type Page, test } from "@playwright/test";
import { createApp, createAppKey, createKey, createProject, expectToast, keyIdOfRow, takeRevealedKey, unique } from "./console-flows";
import { signInAs } from "./sign-in-as";

// The defects of the console's first trial (issue 12), each driven through the real console:
// the create dialog and the project's policy, the row menu, inline rename, the duration picker,
// the rotation rule for expiries, the wording of ends, the audit trail, the 404 page and the
// skip link. Layout is asserted where it broke, at 1280, 1440 and 390 px, in both themes.

test.describe.configure({ timeout: 180_000 });

const THEMES = ["light", "dark"] as const;
const WIDTHS = [1280, 1440, 390] as const;
const ARTIFACTS = "e2e/.artifacts/console";

/** The page never scrolls sideways, and nothing on it reads "[object Object]". */
async function expectNoSpill(page: Page, label: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${label}: page wider than the viewport`).toBeLessThanOrEqual(0);
  expect(await page.locator("body").innerText(), label).not.toContain("[object Object]");
}

/** Every element of the locator lies inside the viewport, horizontally. */
async function expectInViewport(page: Page, what: ReturnType<Page["locator"]>, label: string) {
  const width = page.viewportSize()!.width;
  const count = await what.count();
  expect(count, `${label}: found`).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const box = (await what.nth(i).boundingBox())!;
    expect(box, `${label} #${i}`).not.toBeNull();
    expect(box.x, `${label} #${i} left edge`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${label} #${i} right edge at ${width} px`).toBeLessThanOrEqual(width);
  }
}

async function setTheme(page: Page, theme: (typeof THEMES)[number]) {
  await page.context().addCookies([{ name: "latchkey-theme", value: theme, domain: "localhost", path: "/" }]);
}

async function openPolicyTab(page: Page, projectPath: string) {
  await page.goto(`${projectPath}/webhooks`);
  return page.getByRole("form", { name: "Key policy" });
}

test("the create dialog states the project's policy and starts from it; errors clear when fixed; a bad scope is named as typed", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(page, "admin");
  await page.goto("/demo");
  await createApp(page, unique("Policy app"));
  const projectPath = await createProject(page, unique("Policy project"));
  const policy = await openPolicyTab(page, projectPath);
  await policy.getByLabel("Default rotation interval (days)").fill("30");
  await policy.getByLabel("Maximum key lifetime (days)").fill("60");
  await policy.getByLabel(/Keys in production must have an expiry/).check();
  await policy.getByRole("button", { name: "Save policy" }).click();
  await expectToast(page, "Key policy saved");

  await page.goto(projectPath);
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await expect(dialog.getByTestId("project-policy")).toContainText("keys rotate every 30 days");
  await expect(dialog.getByTestId("project-policy")).toContainText("every key must expire within 60 days");
  await expect(dialog.getByTestId("project-policy")).toContainText("keys in production must have an expiry");
  await expect(dialog.getByLabel("Rotate every (days)")).toHaveValue("30");
  await expect(dialog.getByTestId("next-rotation-preview")).toContainText("Next rotation:");
  await expect(dialog.getByLabel("Expires")).toContainText("In 60 days (the maximum)");
  await dialog.getByLabel("Expires").click();
  await expect(page.getByRole("option", { name: "Never" })).toHaveCount(0);
  await expect(page.getByRole("option", { name: "In 90 days" })).toHaveCount(0);
  await page.keyboard.press("Escape");

  // At 1280×800 the submit button is on screen without scrolling the dialog.
  const submit = dialog.getByRole("button", { name: "Create key" });
  const box = (await submit.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  expect(box.y).toBeGreaterThanOrEqual(0);

  // A field's error goes away once the field is changed.
  await submit.click();
  const nameError = dialog.getByRole("alert").filter({ hasText: "must not be empty" });
  await expect(nameError).toBeVisible();
  await dialog.getByLabel("Name").fill("Policy key");
  await expect(nameError).toHaveCount(0);

  // A scope with a space is flagged as it is typed, by name, and is not added.
  await dialog.getByLabel("Scopes").fill("read users");
  await expect(dialog.getByRole("alert").filter({ hasText: "“read users” is not a valid scope" })).toBeVisible();
  await dialog.getByLabel("Scopes").press("Enter");
  await expect(dialog.getByRole("button", { name: "Remove scope read users" })).toHaveCount(0);
  await dialog.getByLabel("Scopes").fill("read:users");
  await expect(dialog.getByRole("alert").filter({ hasText: "not a valid scope" })).toHaveCount(0);
  await dialog.getByLabel("Scopes").press("Enter");
  await expect(dialog.getByRole("button", { name: "Remove scope read:users" })).toBeVisible();

  await submit.click();
  await takeRevealedKey(page);
  const id = await keyIdOfRow(page, "Policy key");
  const row = page.getByTestId(`key-row-${id}`);
  await expect(row.locator("td").nth(8)).toHaveText("in 2 months");
  await expect(row.locator("td").nth(9)).toHaveText("next month");
  await page.getByRole("link", { name: "Policy key", exact: true }).click();
  await expect(page.getByLabel("Rotate every (days)")).toHaveValue("30");
});

test("rows keep their actions in a menu on screen, pages never spill sideways, at 1280, 1440 and 390 px in both themes", async ({
  page,
}) => {
  // Eighteen page loads with full-page screenshots, on a shared 2-core machine.
  test.setTimeout(480_000);
  await signInAs(page, "admin");
  await page.goto("/demo");
  await createApp(page, unique("Layout app"));
  const projectPath = await createProject(page, unique("Layout project with a long name"));
  // A project policy change with environments: the audit log must spell it out.
  const policy = await openPolicyTab(page, projectPath);
  await policy.getByLabel(/Keys in development must have an expiry/).check();
  await policy.getByRole("button", { name: "Save policy" }).click();
  await expectToast(page, "Key policy saved");

  await page.goto(projectPath);
  await createKey(page, "Billing service for the Acme Corporation account", ["invoices:read", "invoices:write", "customers:read"]);
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "New API key" });
  await create.getByLabel("Name").fill("Hooked worker");
  await create.getByLabel("Rotation webhook URL").fill("https://hooks.example.com/latchkey");
  await create.getByRole("button", { name: "Create key" }).click();
  await takeRevealedKey(page);
  // Rotated from the row menu: afterwards the table has an in-grace row and a new one.
  await page.getByRole("button", { name: "Actions for Hooked worker" }).click();
  await page.getByRole("menuitem", { name: "Rotate…" }).click();
  await page.getByRole("dialog", { name: "Rotate Hooked worker" }).getByRole("button", { name: "Rotate key" }).click();
  await takeRevealedKey(page);
  const keyPath = (await page
    .getByRole("link", { name: "Billing service for the Acme Corporation account", exact: true })
    .getAttribute("href"))!;

  for (const theme of THEMES) {
    await setTheme(page, theme);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}-${width}-${theme}.png`, fullPage: true });

      await page.goto(projectPath);
      await expect(page.getByRole("button", { name: /^Actions for / })).toHaveCount(3);
      await expectNoSpill(page, `project ${width} ${theme}`);
      await expectInViewport(page, page.getByRole("button", { name: /^Actions for / }), `row actions ${width} ${theme}`);
      // At 390 px the table leaves columns out rather than run under its pinned actions column: nothing is cut off.
      if (width === 390) {
        const table = page.getByRole("table", { name: "API keys" });
        const cut = await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);
        expect(cut, `key table ${width} ${theme}`).toBeLessThanOrEqual(0);
      }
      await shot("project");

      await page.goto(`${projectPath}/webhooks`);
      await expect(page.getByTestId("delivery-row").first()).toBeVisible();
      await expectNoSpill(page, `webhooks ${width} ${theme}`);
      if (width !== 390)
        await expectInViewport(page, page.getByRole("button", { name: /^Details of / }), `delivery details ${width} ${theme}`);
      await shot("webhooks");

      await page.goto("/demo/audit");
      await expect(page.getByRole("cell", { name: "project.key_policy_updated" }).first()).toBeVisible();
      await expectNoSpill(page, `audit ${width} ${theme}`);
      await expect(page.getByText("environments development require_expiry: false → true").first()).toBeVisible();
      if (width !== 390) await expectInViewport(page, page.getByRole("columnheader", { name: "IP" }), `audit IP column ${width} ${theme}`);
      await shot("audit");

      await page.goto(keyPath);
      await expectNoSpill(page, `key page ${width} ${theme}`);
      await shot("key");
    }
  }
});

test("inline rename is a full-size field, and an empty name is refused with a reason", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/demo");
  await createApp(page, unique("Rename app"));
  await createProject(page, unique("Rename project"));
  await createKey(page, "Short");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.getByRole("button", { name: "Rename key Short" }).click();
    const field = page.getByLabel("New key name");
    const box = (await field.boundingBox())!;
    expect(box.width, `rename field at ${width} px`).toBeGreaterThanOrEqual(160);
    expect(box.height).toBeGreaterThanOrEqual(34);
    await field.fill("");
    await field.press("Enter");
    await expect(page.getByRole("alert").filter({ hasText: "A key needs a name" })).toBeVisible();
    await expect(field).toBeVisible();
    await field.press("Escape");
    await expect(page.getByRole("link", { name: "Short", exact: true })).toBeVisible();
  }
  // The row menu opens the same field.
  await page.getByRole("button", { name: "Actions for Short" }).click();
  await page.getByRole("menuitem", { name: "Rename" }).click();
  await expect(page.getByLabel("New key name")).toBeFocused();
  await page.getByLabel("New key name").fill("Longer name");
  await page.getByLabel("New key name").press("Enter");
  await expectToast(page, "Renamed to Longer name");
});

test("rotation keeps a fixed expiry, in a duration picker; the old key says when it stops; the new key's trail shows its creation", async ({
  page,
  request,
}) => {
  await signInAs(page, "admin");
  await page.goto("/demo");
  const appPath = await createApp(page, unique("Rotation app"));
  const verifier = await createAppKey(page, "Rotation verifier", "verifier");
  await createProject(page, unique("Rotation project"));
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "New API key" });
  await create.getByLabel("Name").fill("Fixed term");
  await create.getByLabel("Expires").click();
  await page.getByRole("option", { name: "In 30 days" }).click();
  await create.getByRole("button", { name: "Create key" }).click();
  await takeRevealedKey(page);
  const oldId = await keyIdOfRow(page, "Fixed term");
  const oldRow = page.getByTestId(`key-row-${oldId}`);
  const expiresAt = await oldRow.locator("td").nth(8).locator("time").getAttribute("datetime");

  await page.getByRole("button", { name: "Actions for Fixed term" }).click();
  await page.getByRole("menuitem", { name: "Rotate…" }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate Fixed term" });
  await expect(rotate.getByTestId("replacement-expiry")).toContainText("The new key expires when this one would");
  await expect(rotate.getByTestId("replacement-expiry")).toContainText("Rotating does not extend a key's expiry");
  await rotate.getByLabel("Grace period", { exact: true }).fill("");
  await expect(rotate.getByRole("alert")).toContainText("in minutes, hours or days");
  await rotate.getByLabel("Grace period", { exact: true }).fill("150");
  await rotate.getByLabel("Grace period: unit").click();
  await page.getByRole("option", { name: "minutes" }).click();
  await expect(rotate.getByText("The old key keeps working for 150 minutes.")).toBeVisible();
  await rotate.getByRole("button", { name: "Rotate key" }).click();
  const newKey = await takeRevealedKey(page);

  // The old row says when it stops (the grace), not its far expiry; the new row keeps the expiry.
  await expect(oldRow.locator("td").nth(8)).toHaveText("Stops in 2 hours");
  const newId = (await page
    .getByRole("row")
    .filter({ hasText: "Fixed term" })
    .filter({ hasText: "Active" })
    .getAttribute("data-testid"))!.replace("key-row-", "");
  await expect(page.getByTestId(`key-row-${newId}`).locator("td").nth(8).locator("time")).toHaveAttribute("datetime", expiresAt!);

  // One verification reads "1 verification".
  const verified = await request.post("/v1/api-keys/verify", { headers: { authorization: `Bearer ${verifier}` }, data: { key: newKey } });
  expect(((await verified.json()) as { valid: boolean }).valid).toBe(true);

  await page.goto(`${appPath}/keys/${newId}`);
  await expect(page.getByText("Created by rotating").first()).toBeVisible();
  const trail = page.getByRole("table", { name: "Audit trail" });
  await expect(trail.getByText(`Created by rotating ${oldId} (on request).`)).toBeVisible();
  await expect(trail.getByText("Adam Admin").first()).toBeVisible();
  await expect(trail.getByText("admin@demo.latchkey.test").first()).toBeVisible();
  await expect(trail.getByText(/^usr_/)).toHaveCount(0);
  await expect(page.getByText("No recorded changes")).toHaveCount(0);
  await expect
    .poll(async () => (await page.reload(), await page.getByTestId("usage-summary").first().textContent()), { timeout: 20_000 })
    .toMatch(/^1 verification: /);

  // The old key's page: "stops in 2 hours" in the chain, never "until in".
  await page.goto(`${appPath}/keys/${oldId}`);
  const chain = page.getByRole("list", { name: "Rotation chain, oldest first" });
  await expect(chain.getByRole("listitem").first()).toContainText("replaced; stops in 2 hours");
  await expect(page.getByText("Stops working")).toBeVisible();
  expect(await page.locator("main").innerText()).not.toMatch(/until in|Old key stops/);

  // Revoked, it no longer claims to stop later.
  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expectToast(page, "Revoked Fixed term");
  await page.reload();
  await expect(chain.getByRole("listitem").first()).toContainText("revoked just now");
  await expect(page.getByText("Stops working")).toHaveCount(0);
  expect(await page.locator("main").innerText()).not.toContain("in 2 hours");
});

test("a missing page keeps the console's frame, and a skip link leads past the navigation", async ({ page }) => {
  await signInAs(page, "admin");
  for (const theme of THEMES) {
    await setTheme(page, theme);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto("/demo/no-such-page");
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Team" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Back to apps" })).toHaveAttribute("href", "/demo");
      await expectNoSpill(page, `team 404 ${width} ${theme}`);
      await page.screenshot({ path: `${ARTIFACTS}/not-found-team-${width}-${theme}.png`, fullPage: true });

      await page.goto("/no-such-team-anywhere/and/more");
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Latchkey" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Go to Demo team" })).toHaveAttribute("href", "/demo");
      await expectNoSpill(page, `site 404 ${width} ${theme}`);
      await page.screenshot({ path: `${ARTIFACTS}/not-found-site-${width}-${theme}.png`, fullPage: true });
    }
  }

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/demo");
  await createApp(page, unique("Skip app"));
  // A fresh load, so that the first Tab starts from the top of the document.
  await page.goto(await createProject(page, unique("Skip project")));
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  // From there the page's own controls come first: Create key is a few Tabs away, not 19.
  let tabs = 0;
  while (tabs < 15 && !(await page.getByRole("button", { name: "Create key" }).evaluate((el) => el === document.activeElement))) {
    await page.keyboard.press("Tab");
    tabs++;
  }
  expect(tabs).toBeLessThan(15);
});

test("the create and rotate dialogs keep their buttons on screen at 1280×800 and 390×800, in both themes", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, "admin");
  await page.goto("/demo");
  await createApp(page, unique("Dialogs app"));
  const projectPath = await createProject(page, unique("Dialogs project"));
  await createKey(page, "Dialog key", ["read:all"]);
  for (const theme of THEMES) {
    await setTheme(page, theme);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(projectPath);
      await page.getByRole("button", { name: "Create key" }).click();
      const create = page.getByRole("dialog", { name: "New API key" });
      await create.getByRole("textbox", { name: "Scopes" }).fill("bad scope");
      await expect(create.getByRole("button", { name: "Create key" })).toBeInViewport({ ratio: 1 });
      await expect(create.getByRole("button", { name: "Cancel" })).toBeInViewport({ ratio: 1 });
      await page.screenshot({ path: `${ARTIFACTS}/create-dialog-${width}-${theme}.png` });
      await create.getByRole("button", { name: "Cancel" }).click();

      await page.getByRole("button", { name: "Actions for Dialog key" }).click();
      await page.screenshot({ path: `${ARTIFACTS}/row-menu-${width}-${theme}.png` });
      await page.getByRole("menuitem", { name: "Rotate…" }).click();
      const rotate = page.getByRole("dialog", { name: "Rotate Dialog key" });
      await expect(rotate.getByRole("button", { name: "Rotate key" })).toBeInViewport({ ratio: 1 });
      await expect(rotate.getByTestId("replacement-expiry")).toHaveText("The new key never expires, like this one.");
      await page.screenshot({ path: `${ARTIFACTS}/rotate-dialog-${width}-${theme}.png` });
      await rotate.getByRole("button", { name: "Cancel" }).click();
    }
  }
});
