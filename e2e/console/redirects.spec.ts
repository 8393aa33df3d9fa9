import { expect, request as requests, test } from "@playwright/test";
import { HOSTILE_CALLBACK_URLS } from "../../test/helpers/hostile-callback-urls";
import { signInAs } from "./sign-in-as";

// callbackUrl sends a signed-in user on, and next-auth keeps it through the sign-in round trip.
// Only a path on this site may be followed; anything else goes to "/". Browsers drop tabs and
// newlines and read backslashes as slashes, which is how "/\t/evil.example/" left the site.

test("the sign-in page sends a signed-in user only to a path on this site", async ({ page, baseURL }) => {
  await signInAs(page, "viewer");
  const follow = async (raw: string) => {
    const response = await page.request.get(`/sign-in?callbackUrl=${raw}`, { maxRedirects: 0 });
    expect(response.status(), raw).toBe(307);
    return response.headers()["location"];
  };
  // The two from the report, as they were sent.
  expect(await follow("%2F%09%2Fevil.example%2F")).toBe("/");
  expect(await follow("%2F%0A%2Fevil.example%2F")).toBe("/");
  for (const value of HOSTILE_CALLBACK_URLS) expect(await follow(encodeURIComponent(value)), JSON.stringify(value)).toBe("/");
  // Twice-encoded: decoded once, it is a path that starts with an encoded slash.
  expect(await follow(encodeURIComponent(encodeURIComponent("//evil.example/")))).toBe("/");
  // Repeated: not one path.
  expect(await follow("%2Fdemo&callbackUrl=%2F%2Fevil.example")).toBe("/");
  // A path here is kept, query included.
  expect(await follow(encodeURIComponent("/demo/audit?action=key.created"))).toBe("/demo/audit?action=key.created");

  // In a browser: the tab is dropped, and the user still lands on this site.
  await page.goto("/sign-in?callbackUrl=%2F%09%2Fevil.example%2F");
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

test("next-auth keeps only a path on this site as the place to return to after sign-in", async ({ baseURL }) => {
  const origin = new URL(baseURL!).origin;
  // Each from a new client: next-auth sets the cookie only when its value changes.
  const kept = async (value: string) => {
    const client = await requests.newContext({ baseURL });
    let response = await client.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(value)}`, { maxRedirects: 0 });
    // One that next-auth cannot even parse comes back first with the safe value in its place.
    if (response.status() === 303) response = await client.get(response.headers()["location"]!, { maxRedirects: 0 });
    expect(response.status(), JSON.stringify(value)).toBe(302); // on to the sign-in page
    const cookie = (await client.storageState()).cookies.find((c) => c.name === "next-auth.callback-url");
    await client.dispose();
    return cookie && decodeURIComponent(cookie.value);
  };
  for (const value of HOSTILE_CALLBACK_URLS.filter((v) => v !== "")) expect(await kept(value), JSON.stringify(value)).toBe(`${origin}/`);
  expect(await kept("/demo/settings")).toBe(`${origin}/demo/settings`);
  expect(await kept(`${origin}/demo/audit`)).toBe(`${origin}/demo/audit`);
});

test("a callbackUrl next-auth cannot parse, in the query or in its cookie, is a 4xx or a redirect, never a 500", async ({ baseURL }) => {
  const client = await requests.newContext({ baseURL });
  for (const value of ["javascript:alert(1)", " //evil.example/", "\\evil.example"]) {
    const get = await client.get(`/api/auth/session?callbackUrl=${encodeURIComponent(value)}`, { maxRedirects: 0 });
    expect(get.status(), JSON.stringify(value)).toBe(303);
    expect(new URL(get.headers()["location"]!, baseURL).searchParams.get("callbackUrl")).toBe(`${new URL(baseURL!).origin}/`);
    const post = await client.post(`/api/auth/signout?callbackUrl=${encodeURIComponent(value)}`, {
      form: { csrfToken: "x" },
      maxRedirects: 0,
    });
    expect(post.status(), JSON.stringify(value)).toBe(400);
    expect(await post.json()).toMatchObject({ error: { code: "invalid_request", message: "callbackUrl: must be a path on this site" } });
  }
  await client.dispose();

  const planted = await requests.newContext({ baseURL, extraHTTPHeaders: { cookie: "next-auth.callback-url=javascript%3Aalert(1)" } });
  const session = await planted.get("/api/auth/session", { maxRedirects: 0 });
  expect(session.status()).toBe(303);
  expect(
    session.headersArray().some((h) => h.name.toLowerCase() === "set-cookie" && /^next-auth\.callback-url=;.*Max-Age=0/.test(h.value)),
  ).toBe(true);
  const providers = await planted.post("/api/auth/signin/oidc", { form: { csrfToken: "x" }, maxRedirects: 0 });
  expect(providers.status()).toBe(400);
  await planted.dispose();
});

test("a sign-in that starts from a hostile callbackUrl ends on this site", async ({ page, baseURL }) => {
  await page.goto("/sign-in?callbackUrl=%2F%09%2Fevil.example%2F");
  await page.getByRole("button", { name: /^Sign in with/ }).click();
  await page.locator('input[name="login"]').fill("developer");
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]');
  if (await consent.isVisible().catch(() => false)) await consent.click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});
