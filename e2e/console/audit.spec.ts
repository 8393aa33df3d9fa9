import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in-as";

test("the audit log shows console changes, filters them, and exports CSV and JSON", async ({ page }, testInfo) => {
  await signInAs(page, "admin");
  await page.goto("/demo");
  const name = `Audited ${Date.now()}`;
  await page.getByLabel("New app").fill(name);
  await page.getByRole("button", { name: "Create app" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: name })).toBeVisible();

  await page.getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Action").fill("app.created");
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
