import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in-as";

test("the audit log shows console changes, filters them, and exports CSV and JSON", async ({ page }, testInfo) => {
  await signInAs(page, "admin");
  await page.goto("/demo");
  const name = `Audited ${Date.now()}`;
  await page.getByLabel("New app").fill(name);
  await page.getByRole("button", { name: "Create app" }).click();
  await expect(page.getByRole("list", { name: "apps" }).getByRole("listitem").filter({ hasText: name })).toBeVisible();

  await page.getByRole("link", { name: "Audit log" }).click();
  // The action filter offers the actions the log records, by name.
  await page.getByLabel("Action", { exact: true }).click();
  await expect(page.getByRole("option", { name: /^Key revoked api_key\.revoked$/ })).toBeVisible();
  await page.getByRole("option", { name: /^App created app\.created$/ }).click();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=app\.created/);
  const rows = page.getByRole("row");
  await expect(rows.nth(1)).toContainText("app.created");
  await expect(page.getByRole("cell", { name: "api_key.created" })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("audit.png"), fullPage: true });

  const csv = await page.request.get("/demo/audit/export?format=csv&action=app.created");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="latchkey-audit-demo-\d{4}-\d{2}-\d{2}\.csv"/);
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toBe("created_at,action,actor_type,actor_id,target_type,target_id,ip_address,user_agent,metadata");
  expect(text).toContain(`""name"":""${name}""`);

  const json = await (await page.request.get("/demo/audit/export?format=json&action=app.created")).json();
  expect(json.audit_events.some((e: { metadata: { name?: string } }) => e.metadata.name === name)).toBe(true);

  // Not a member of that team, or no such team: nothing to download.
  expect((await page.request.get("/no-such-team/audit/export?format=csv")).status()).toBe(404);
});

test("the time filter keeps or drops a new event, names its actor, and the export follows it", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/demo");
  const name = `Timed ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  await page.getByLabel("New app").fill(name);
  await page.getByRole("button", { name: "Create app" }).click();
  await expect(page.getByRole("list", { name: "apps" }).getByRole("listitem").filter({ hasText: name })).toBeVisible();
  const utcField = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 16);

  await page.goto("/demo/audit?action=app.created");
  const ours = page.getByRole("row").filter({ hasText: `name: ${name}` });
  await page.getByLabel("Time", { exact: true }).click();
  await page.getByRole("option", { name: "Last 24 hours" }).click();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/range=24h/);
  await expect(ours).toHaveCount(1);
  // The actor reads as a person, with the id on hover.
  await expect(ours.getByRole("link", { name: /Adam Admin/ })).toHaveAttribute("title", /^user usr_/);
  const exported = await page.request.get((await page.getByRole("link", { name: "Export JSON" }).getAttribute("href"))!);
  const sinceParam = new URL(exported.url()).searchParams.get("since");
  expect(Date.now() - Date.parse(sinceParam!)).toBeGreaterThan(23 * 3_600_000);
  expect((await exported.json()).audit_events.some((e: { metadata: { name?: string } }) => e.metadata.name === name)).toBe(true);

  // A range that starts after the event leaves it out, and so does the export.
  await page.getByLabel("Time", { exact: true }).click();
  await page.getByRole("option", { name: "Custom range (UTC)" }).click();
  await page.getByLabel("From (UTC)").fill(utcField(5 * 60_000));
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/range=custom&since=\d{4}-\d\d-\d\dT\d\d%3A\d\d/);
  await expect(page.getByText("No events match these filters.")).toBeVisible();
  await expect(page.getByLabel("From (UTC)")).toHaveValue(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
  const none = await page.request.get((await page.getByRole("link", { name: "Export JSON" }).getAttribute("href"))!);
  expect((await none.json()).audit_events.some((e: { metadata: { name?: string } }) => e.metadata.name === name)).toBe(false);

  // One that ends after it and starts before it keeps it.
  await page.getByLabel("From (UTC)").fill(utcField(-10 * 60_000));
  await page.getByLabel("Until (UTC)").fill(utcField(5 * 60_000));
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/until=/);
  await expect(ours).toHaveCount(1);

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/demo\/audit$/);
  await expect(page.getByLabel("Action", { exact: true })).toHaveText("Any action");
});
