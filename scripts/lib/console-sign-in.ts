// Signs in to the console through the local OpenID provider's own form, the way a person does
// (the same flow as e2e/console/sign-in-as.ts), and returns the browser's cookies for the
// console, ready for a Cookie header.
import { chromium } from "@playwright/test";

export type ConsoleSession = { cookieHeader: string; cookieNames: string[] };

export async function signInToConsole(options: {
  baseUrl: string;
  login: string;
  chromePath: string;
  timeoutMs?: number;
}): Promise<ConsoleSession> {
  const browser = await chromium.launch({
    executablePath: options.chromePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const context = await browser.newContext({ baseURL: options.baseUrl });
    const page = await context.newPage();
    page.setDefaultTimeout(options.timeoutMs ?? 30_000);
    await page.goto("/sign-in");
    await page.getByRole("button", { name: /^Sign in with/ }).click();
    await page.locator('input[name="login"]').fill(options.login);
    await page.locator('input[name="password"]').fill("any password");
    await page.locator('button[type="submit"]').click();
    // The provider may ask for consent (a form with a submit button and no login field) once;
    // then it sends the browser back to the console.
    const backInConsole = (url: URL) =>
      url.origin === options.baseUrl && !url.pathname.startsWith("/sign-in") && !url.pathname.startsWith("/api/auth");
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    while (!backInConsole(new URL(page.url()))) {
      if (Date.now() > deadline)
        throw new Error(`sign-in as "${options.login}" did not come back to the console; the browser is at ${page.url()}`);
      const onProvider = new URL(page.url()).origin !== options.baseUrl;
      if (
        onProvider &&
        (await page
          .locator('input[name="login"]')
          .count()
          .catch(() => 1)) === 0
      ) {
        const consent = page.locator('button[type="submit"]');
        if (await consent.isVisible().catch(() => false)) await consent.click().catch(() => undefined);
      }
      await page.waitForTimeout(200);
    }
    await page.waitForLoadState("load");
    await page
      .getByRole("button", { name: "Sign out" })
      .waitFor({ state: "visible" })
      .catch(() => {
        throw new Error(`signed in as "${options.login}", but ${page.url()} shows no "Sign out" button`);
      });
    const cookies = await context.cookies(options.baseUrl);
    if (cookies.length === 0) throw new Error("signed in, but the browser holds no cookie for the console");
    return { cookieHeader: cookies.map((c) => `${c.name}=${c.value}`).join("; "), cookieNames: cookies.map((c) => c.name) };
  } finally {
    await browser.close();
  }
}
