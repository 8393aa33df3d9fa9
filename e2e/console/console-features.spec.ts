import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { describeRole } from "../../lib/domain/teams/permissions";
import { assertLocalDatabase } from "../local-database";
import { createApp, createAppKey, createKey, createProject, expectToast, keyIdOfRow, openTeamSwitcher, unique } from "./console-flows";
import { signInAs } from "./sign-in-as";

// The console's answers to "missing, next to Stripe and Unkey" (issue 12): editing a key's
// scopes and expiry, copy buttons, the Verify this key panel, finding a key from its pasted
// plaintext, Last used on app admin keys, roles in words, creating and deleting a team, and
// `latchkey bootstrap --owner-email` (defect 11).

test.describe.configure({ timeout: 150_000 });
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

async function verify(request: APIRequestContext, verifierKey: string, body: Record<string, unknown>) {
  const response = await request.post("/v1/api-keys/verify", { headers: { authorization: `Bearer ${verifierKey}` }, data: body });
  expect(response.status()).toBe(200);
  return (await response.json()) as { valid: boolean; code: string; project_id: string | null; expires_at: string | null };
}

/** An app with a verifier key, a project and one key with a scope; ends on the project page. */
async function keyFixture(page: Page, label: string) {
  await signInAs(page, "admin");
  await page.goto("/demo");
  const appPath = await createApp(page, unique(`${label} app`));
  const verifierKey = await createAppKey(page, "Edge verifier", "verifier");
  const projectPath = await createProject(page, unique(`${label} project`));
  const keyName = unique(`${label} key`);
  const plaintext = await createKey(page, keyName, ["read:things"]);
  const keyId = await keyIdOfRow(page, keyName);
  return { appPath, projectPath, keyName, plaintext, keyId, verifierKey, keyPath: `${appPath}/keys/${keyId}` };
}

test("a key's scopes and expiry change on its key page, and verification follows at once", async ({ page, request }) => {
  const f = await keyFixture(page, "Edit");
  expect(await verify(request, f.verifierKey, { key: f.plaintext, scopes: ["read:things"] })).toMatchObject({
    valid: true,
    expires_at: null,
  });

  await page.goto(f.keyPath);
  const form = page.getByRole("form", { name: "Scopes and expiry" });
  const save = form.getByRole("button", { name: "Save scopes and expiry" });
  await expect(save).toBeDisabled();

  // A bad scope is refused beside the field as it is typed, naming it, and is not added.
  await form.getByRole("textbox", { name: "Scopes" }).fill("bad!scope");
  await form.getByRole("textbox", { name: "Scopes" }).press("Enter");
  await expect(form.getByRole("alert")).toHaveText(/“bad!scope” is not a valid scope/);
  await expect(form.getByRole("button", { name: "Remove scope bad!scope" })).toHaveCount(0);
  await expect(save).toBeDisabled();
  await form.getByRole("textbox", { name: "Scopes" }).fill("");

  // A past date is refused before it is sent.
  await form.getByLabel("Expires").click();
  await page.getByRole("option", { name: "On a date…" }).click();
  await form.getByLabel("Expiry date (UTC)").fill("2020-01-01");
  await save.click();
  await expect(form.getByRole("alert")).toHaveText("Choose a date in the future.");

  await form.getByRole("button", { name: "Remove scope read:things" }).click();
  await form.getByRole("textbox", { name: "Scopes" }).fill("write:things");
  await form.getByRole("textbox", { name: "Scopes" }).press("Enter");
  await form.getByLabel("Expires").click();
  await page.getByRole("option", { name: "In 30 days" }).click();
  await save.click();
  await expectToast(page, "Scopes and expiry saved");

  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByText("write:things", { exact: true })).toBeVisible();
  await expect(details.getByText("read:things", { exact: true })).toHaveCount(0);
  await expect(form.getByText(/^Now: expires/)).toBeVisible();
  await expect(save).toBeDisabled();

  const after = await verify(request, f.verifierKey, { key: f.plaintext, scopes: ["write:things"] });
  expect(after.valid).toBe(true);
  expect(Date.parse(after.expires_at!) - Date.now()).toBeGreaterThan(29 * 86_400_000);
  expect((await verify(request, f.verifierKey, { key: f.plaintext, scopes: ["read:things"] })).code).toBe("INSUFFICIENT_SCOPES");
  // The audit trail has the change.
  await expect(page.getByText("api_key.updated").first()).toBeVisible();

  // Back to never expiring.
  await form.getByLabel("Expires").click();
  await page.getByRole("option", { name: "Never" }).click();
  await save.click();
  await expectToast(page, "Scopes and expiry saved");
  await expect.poll(async () => (await verify(request, f.verifierKey, { key: f.plaintext })).expires_at).toBeNull();
});

test("every id shown has a copy button, and Verify this key gives SDK, curl, Python and Go samples that work", async ({
  page,
  request,
}) => {
  const f = await keyFixture(page, "Copy");
  const appId = f.appPath.split("/").pop()!;
  const projectId = f.projectPath.split("/").pop()!;

  await page.goto(f.appPath);
  await page.getByRole("button", { name: "Copy app ID" }).click();
  expect(await clipboard(page)).toBe(appId);
  await expect(page.getByRole("button", { name: "Copied: app ID" })).toBeVisible();

  await page.goto(f.projectPath);
  await page.getByRole("button", { name: "Copy project ID" }).click();
  expect(await clipboard(page)).toBe(projectId);
  await page.getByRole("button", { name: "Copy environment ID of production" }).click();
  expect(await clipboard(page)).toMatch(/^env_/);

  await page.goto(f.keyPath);
  await page.getByRole("button", { name: "Copy key ID" }).click();
  expect(await clipboard(page)).toBe(f.keyId);
  await page.getByRole("region", { name: "Details" }).getByRole("button", { name: "Copy project ID" }).click();
  expect(await clipboard(page)).toBe(projectId);
  await page.getByRole("region", { name: "Details" }).getByRole("button", { name: "Copy environment ID" }).click();
  expect(await clipboard(page)).toMatch(/^env_/);

  const panel = page.getByRole("region", { name: "Verify this key" });
  const origin = new URL(page.url()).origin;
  const samples: Record<string, string> = {};
  for (const [tab, id] of [
    ["TypeScript SDK", "sdk"],
    ["curl", "curl"],
    ["Python (requests)", "python"],
    ["Go (net/http)", "go"],
  ] as const) {
    await panel.getByRole("tab", { name: tab }).click();
    await panel.getByRole("button", { name: `Copy the ${tab} sample` }).click();
    samples[id] = await clipboard(page);
    expect(samples[id]).toBe(await panel.getByTestId(`verify-snippet-${id}`).textContent());
    expect(samples[id]).toContain(projectId);
    expect(samples[id]).toContain(`${origin}`);
    expect(samples[id]).toContain("LATCHKEY_VERIFIER_KEY");
    // Never a secret: neither the key itself nor any other key.
    expect(samples[id]).not.toMatch(/lk_(app|live|test)_[0-9A-Za-z]{8}/);
  }
  expect(await page.content()).not.toContain(f.plaintext);

  // With the placeholders filled in, the samples verify the key.
  // The key with its last character changed (to another one: a key may end in "x").
  const mistyped = f.plaintext.slice(0, -1) + (f.plaintext.endsWith("x") ? "y" : "x");
  const env = { ...process.env, LATCHKEY_VERIFIER_KEY: f.verifierKey, API_KEY: f.plaintext, MISTYPED_KEY: mistyped };
  const curlOut = execFileSync("bash", ["-c", samples.curl!], { env, encoding: "utf8" });
  expect(JSON.parse(curlOut)).toMatchObject({ valid: true, code: "VALID", key_id: f.keyId, project_id: projectId });
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-sample-"));
  writeFileSync(
    path.join(dir, "sample.py"),
    `${samples.python}\n\nprint(verify(os.environ["API_KEY"]), verify(os.environ["MISTYPED_KEY"]))\n`,
  );
  expect(execFileSync("python3", [path.join(dir, "sample.py")], { env, encoding: "utf8" }).trim()).toBe("True False");
  expect(samples.go).toContain("func Verify(apiKey string) (bool, error)");
  // The SDK's sample, as a service would paste it, run from this repository (where @latchkey/sdk is the workspace package).
  const sdkDir = mkdtempSync(path.join(process.cwd(), "test-results", "latchkey-sdk-sample-"));
  writeFileSync(
    path.join(sdkDir, "sample.mts"),
    `${samples.sdk}\n\nconsole.log(\`\${await verify(process.env.API_KEY!)} \${await verify(process.env.MISTYPED_KEY!)}\`);\nawait latchkey.close();\n`,
  );
  expect(execFileSync(process.execPath, ["--import", "tsx", path.join(sdkDir, "sample.mts")], { env, encoding: "utf8" }).trim()).toBe(
    "true false",
  );
  // The same request the samples make, with the key's scopes, is what the API answers.
  expect((await verify(request, f.verifierKey, { key: f.plaintext, scopes: ["read:things"] })).valid).toBe(true);
});

test("pasting a whole key in the search box finds it by its prefix; the secret is never sent", async ({ page }) => {
  const f = await keyFixture(page, "Search");
  await createKey(page, unique("Search other"));
  const prefix = f.plaintext.slice(0, "lk_live_".length + 8);
  const secretPart = f.plaintext.slice(prefix.length);
  const sent: string[] = [];
  page.on("request", (r) => sent.push(`${r.url()} ${r.postData() ?? ""}`));

  await page.getByLabel("Search keys").fill(f.plaintext);
  await expect(page.getByLabel("Search keys")).toHaveValue(prefix);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}`));
  const rows = page.getByRole("row").filter({ has: page.getByRole("link") });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(f.keyName);
  expect(sent.filter((line) => line.includes(secretPart))).toEqual([]);
  expect(page.url()).not.toContain(secretPart);

  // An address carrying a whole key (pasted by hand) finds it too, and keeps only the prefix.
  await page.goto(`${f.projectPath}?q=${encodeURIComponent(f.plaintext)}`);
  await expect(page.getByRole("row").filter({ has: page.getByRole("link") })).toHaveCount(1);
  await expect(page.getByLabel("Search keys")).toHaveValue(prefix);
  await expect.poll(() => page.url()).not.toContain(secretPart);
});

test("app admin keys show when they were last used", async ({ page, request }) => {
  await signInAs(page, "admin");
  await page.goto("/demo");
  const appPath = await createApp(page, unique("Last used app"));
  const appId = appPath.split("/").pop()!;
  const used = await createAppKey(page, "Used key", "admin");
  await createAppKey(page, "Idle key", "admin");
  const row = (name: string) => page.getByRole("row").filter({ hasText: name });
  await expect(page.getByRole("columnheader", { name: "Last used" })).toBeVisible();
  await expect(row("Used key").getByText("Never")).toBeVisible();

  expect((await request.get(`/v1/apps/${appId}/api-keys`, { headers: { authorization: `Bearer ${used}` } })).status()).toBe(200);
  // last_used_at is written behind, within about a second.
  await expect
    .poll(async () => {
      await page.reload();
      return row("Used key").locator("td").nth(4).textContent();
    })
    .toBe("just now");
  await expect(row("Idle key").getByText("Never")).toBeVisible();
});

test("the members page and the invite form say what each role may do", async ({ page }) => {
  await signInAs(page, "owner");
  await page.goto("/demo/members");
  const guide = page.getByRole("region", { name: "What each role may do" });
  for (const role of ["viewer", "developer", "admin", "owner"] as const) {
    await expect(guide.getByRole("definition").filter({ hasText: describeRole(role) })).toBeVisible();
  }
  await expect(guide).toContainText("create, change, rotate and revoke project keys");

  const description = page.locator("#invite-role-description");
  await expect(description).toContainText(describeRole("developer"));
  await page.getByLabel("Role", { exact: true }).click();
  await page.getByRole("option", { name: "viewer", exact: true }).click();
  await expect(description).toContainText(describeRole("viewer"));
  await expect(page.getByLabel("Role", { exact: true })).toHaveAttribute("aria-describedby", "invite-role-description");
});

test("a team is created from the switcher, and its owner deletes it: its keys stop verifying at once", async ({ page, request }) => {
  await signInAs(page, "developer");
  const name = unique("Side project");
  await openTeamSwitcher(page);
  await page.getByRole("menuitem", { name: "Create team" }).click();
  const dialog = page.getByRole("dialog", { name: "New team" });
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("must not be empty");
  await dialog.getByLabel("Team name").fill(name);
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expectToast(page, `Created ${name}; you own it`);
  await expect(page.getByRole("button", { name: `Team: ${name}. Switch team` })).toBeVisible();
  const slug = new URL(page.url()).pathname.slice(1);

  // The team is usable: an app, a verifier key, a project key that verifies.
  await createApp(page, unique("Doomed app"));
  const verifierKey = await createAppKey(page, "Doomed verifier", "verifier");
  await createProject(page, unique("Doomed project"));
  const plaintext = await createKey(page, "Doomed key");
  expect((await verify(request, verifierKey, { key: plaintext })).valid).toBe(true);

  await page.goto(`/${slug}/settings`);
  await page.getByRole("button", { name: "Delete team" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete ${name}?` });
  await expect(confirm).toContainText("Deleting it deletes 1 app and everything in it: projects, app admin keys and 1 project key.");
  const go = confirm.getByRole("button", { name: "Delete team" });
  await expect(go).toBeDisabled();
  await confirm.getByLabel(/to confirm/).fill(name.toUpperCase());
  await expect(go).toBeDisabled();
  await confirm.getByLabel(/to confirm/).fill(name);
  await go.click();
  await expectToast(page, `Deleted ${name}`);
  await expect(page).not.toHaveURL(new RegExp(`/${slug}(/|$)`));

  const refused = await request.post("/v1/api-keys/verify", {
    headers: { authorization: `Bearer ${verifierKey}` },
    data: { key: plaintext },
  });
  expect(refused.status()).toBe(401);
  expect((await page.goto(`/${slug}`))?.status()).toBe(404);
  await page.goto("/demo");
  await openTeamSwitcher(page);
  await expect(page.getByRole("menuitem", { name: new RegExp(`^${name}`) })).toHaveCount(0);
  await page.keyboard.press("Escape");

  // Only an owner sees the control.
  await page.goto("/demo/settings");
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete team" })).toHaveCount(0);
});

test("latchkey bootstrap --owner-email: whoever signs in with that email owns the team", async ({ browser }) => {
  // The demo user signs in once first, so that their personal team has the name other specs expect.
  const first = await browser.newContext();
  await signInAs(await first.newPage(), "viewer");
  await first.close();

  const databaseUrl = process.env.LATCHKEY_TEST_SQLITE_URL ?? "file:./data/e2e-sqlite.db";
  assertLocalDatabase(databaseUrl);
  const team = unique("Headless");
  const out = execFileSync(
    process.execPath,
    [
      "bin/latchkey.mjs",
      "bootstrap",
      "--team",
      team,
      "--app",
      "Headless app",
      "--project",
      "Headless project",
      "--owner-email",
      "Viewer@Demo.Latchkey.Test",
      "--json",
    ],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const result = JSON.parse(out) as { team_id: string; app_id: string; owner_email: string };
  expect(result.owner_email).toBe("viewer@demo.latchkey.test");

  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, "viewer");
  await openTeamSwitcher(page);
  const item = page.getByRole("menuitem", { name: new RegExp(`^${team}`) });
  await expect(item).toContainText("owner");
  await item.click();
  await expect(page.getByRole("heading", { level: 1, name: team })).toBeVisible();
  await expect(page.getByRole("link", { name: "Headless app" })).toBeVisible();
  // An owner can bring in the rest of the team.
  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("button", { name: "Create invite link" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /Victor Viewer/ })).toBeVisible();
  await context.close();

  // A bad email is refused with the flag's name.
  let message = "";
  try {
    execFileSync(
      process.execPath,
      ["bin/latchkey.mjs", "bootstrap", "--team", "x", "--app", "x", "--project", "x", "--owner-email", "not-an-email"],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
  } catch (error) {
    message = String((error as { stderr?: string }).stderr);
  }
  expect(message).toContain("--owner-email: must be an email address");
});
