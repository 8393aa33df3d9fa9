import { afterEach, describe, expect, it, vi } from "vitest";
import { CLIENT_IP_HEADER } from "../net/client-ip";
import { callbackFailure, withSignInLimit } from "./sign-in-guard";
import { SIGN_IN_LIMITS } from "./sign-in-limit";

const BASE = "http://localhost:3000/api/auth";
const redirect = (location: string) => new Response(null, { status: 302, headers: { location } });
const context = (...nextauth: string[]) => ({ params: Promise.resolve({ nextauth }) });
const request = (path: string, ip: string, method = "GET") =>
  new Request(`${BASE}/${path}`, { method, headers: { [CLIENT_IP_HEADER]: ip } });

describe("callbackFailure", () => {
  it("reads a redirect to next-auth's error page as a failure, with the provider's reason when it sent one", () => {
    expect(callbackFailure(new Request(`${BASE}/callback/oidc?error=access_denied`), redirect(`${BASE}/error?error=Callback`))).toBe(
      "access_denied",
    );
    expect(callbackFailure(new Request(`${BASE}/callback/oidc?code=x&state=y`), redirect(`${BASE}/error?error=OAuthCallback`))).toBe(
      "OAuthCallback",
    );
    expect(callbackFailure(new Request(`${BASE}/callback/oidc?code=x`), redirect("/sign-in?error=AccessDenied"))).toBe("AccessDenied");
    expect(callbackFailure(new Request(`${BASE}/callback/oidc?error=%3Cscript%3E`), redirect(`${BASE}/error?error=Callback`))).toBe(
      "unreadable error",
    );
  });

  it("reads a redirect into the console as a success", () => {
    expect(callbackFailure(new Request(`${BASE}/callback/oidc?code=x&state=y`), redirect("http://localhost:3000/demo"))).toBeNull();
    expect(callbackFailure(new Request(`${BASE}/callback/oidc`), new Response("ok"))).toBeNull();
  });
});

describe("withSignInLimit", () => {
  afterEach(() => vi.restoreAllMocks());

  it("after too many failed callbacks from one address, refuses its callbacks and sign-in starts with 429 and Retry-After", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const failing = withSignInLimit(async () => redirect(`${BASE}/error?error=Callback`));
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      expect((await failing(request("callback/oidc?error=access_denied", "198.51.100.1"), context("callback", "oidc"))).status).toBe(302);
    }
    const refused = await failing(request("callback/oidc", "198.51.100.1"), context("callback", "oidc"));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(SIGN_IN_LIMITS.windowMs / 1000 - 5);
    expect(await refused.text()).toContain("Too many failed sign-ins from your network. Try again in 15 minutes.");

    const start = await failing(request("signin/oidc", "198.51.100.1", "POST"), context("signin", "oidc"));
    expect(start.status).toBe(429);
    expect(await start.json()).toMatchObject({ url: "/sign-in?error=TooManySignIns" });
    // Another address, and the session endpoint of the blocked one, are not affected.
    expect((await failing(request("callback/oidc", "198.51.100.2"), context("callback", "oidc"))).status).toBe(302);
    expect((await failing(request("session", "198.51.100.1"), context("session"))).status).toBe(302);
    expect(console.warn).toHaveBeenCalledWith("[auth] sign-in failed (access_denied) from 198.51.100.1");
  });

  it("does not count successful callbacks or sign-in starts", async () => {
    const ok = withSignInLimit(async () => redirect("http://localhost:3000/"));
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress + 5; i++) {
      expect((await ok(request("callback/oidc?code=x", "198.51.100.3"), context("callback", "oidc"))).status).toBe(302);
    }
    const starts = withSignInLimit(async () => redirect(`${BASE}/error?error=OAuthSignin`));
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress + 5; i++) {
      expect((await starts(request("signin/oidc", "198.51.100.3", "POST"), context("signin", "oidc"))).status).toBe(302);
    }
  });
});
