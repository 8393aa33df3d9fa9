import { expect, test } from "@playwright/test";

// Until the console lands, the home page points operators at the API; it must render in a
// real browser and link to a document that loads.
test("the home page renders and links to the OpenAPI document", async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Latchkey" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("home.png"), fullPage: true });
  await page.getByRole("link", { name: "OpenAPI 3.1 document" }).click();
  await expect(page).toHaveURL(/\/v1\/openapi\.json$/);
  expect(await page.locator("body").innerText()).toContain('"openapi":"3.1.0"');
  expect(errors).toEqual([]);
});
