import { describe, expect, it } from "vitest";
import { HOSTILE_CALLBACK_URLS } from "../../../test/helpers/hostile-callback-urls";
import { safeCallbackPath, safeRedirect, unsafeCallbackUrlResponse } from "./callback-url";

describe("safeCallbackPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeCallbackPath("/demo")).toBe("/demo");
    expect(safeCallbackPath("/demo/apps/app_1?tab=keys#top")).toBe("/demo/apps/app_1?tab=keys#top");
    expect(safeCallbackPath("/invite/inv_abc")).toBe("/invite/inv_abc");
    // Dot segments resolve on this site.
    expect(safeCallbackPath("/demo/../settings")).toBe("/settings");
  });

  it.each(HOSTILE_CALLBACK_URLS)("sends %j to /", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });

  it("sends anything that is not a string to /", () => {
    for (const value of [undefined, null, 1, ["/demo"], { toString: () => "/demo" }]) expect(safeCallbackPath(value)).toBe("/");
    expect(safeCallbackPath(`/${"a".repeat(3000)}`)).toBe("/");
  });
});

describe("safeRedirect (next-auth's redirect callback)", () => {
  const base = "http://localhost:3000";
  it("keeps this origin's paths and absolute URLs, on this origin", () => {
    expect(safeRedirect("/demo", base)).toBe("http://localhost:3000/demo");
    expect(safeRedirect("http://localhost:3000/demo?x=1", base)).toBe("http://localhost:3000/demo?x=1");
  });

  it.each(HOSTILE_CALLBACK_URLS)("sends %j to the console's home", (value) => {
    expect(safeRedirect(value, base)).toBe("http://localhost:3000/");
  });

  it("refuses another port or scheme of the same host, and a same-origin URL that hides a second slash", () => {
    expect(safeRedirect("http://localhost:3001/demo", base)).toBe("http://localhost:3000/");
    expect(safeRedirect("https://localhost:3000/demo", base)).toBe("http://localhost:3000/");
    expect(safeRedirect("http://localhost:3000//evil.example/", base)).toBe("http://localhost:3000/");
    expect(safeRedirect("http://localhost:3000/\t/evil.example/", base)).toBe("http://localhost:3000/");
  });
});

describe("unsafeCallbackUrlResponse (before next-auth's route)", () => {
  const base = "http://localhost:3000";
  const get = (query: string, cookie?: string) => new Request(`${base}/api/auth/session${query}`, { headers: cookie ? { cookie } : {} });

  it("lets through what the redirect callback made, or no callbackUrl at all", () => {
    expect(unsafeCallbackUrlResponse(get(""), base)).toBeNull();
    expect(unsafeCallbackUrlResponse(get("?callbackUrl=%2Fdemo"), base)).toBeNull();
    expect(unsafeCallbackUrlResponse(get(`?callbackUrl=${encodeURIComponent(`${base}/demo?x=1`)}`), base)).toBeNull();
    expect(unsafeCallbackUrlResponse(get("", `next-auth.callback-url=${encodeURIComponent(`${base}/demo`)}; other=1`), base)).toBeNull();
    // next-auth's default: the bare origin.
    expect(unsafeCallbackUrlResponse(get("", `next-auth.callback-url=${encodeURIComponent(base)}`), base)).toBeNull();
    // Its output passes its own check: no redirect loop.
    for (const value of [...HOSTILE_CALLBACK_URLS, "/demo/../x", "/caf\u00e9", '/a"b']) {
      expect(unsafeCallbackUrlResponse(get(`?callbackUrl=${encodeURIComponent(safeRedirect(value, base))}`), base), value).toBeNull();
    }
  });

  it("sends a GET again with the safe value, and refuses anything else with 400", async () => {
    const redirected = unsafeCallbackUrlResponse(get(`?callbackUrl=${encodeURIComponent("javascript:alert(1)")}&x=1`), base)!;
    expect(redirected.status).toBe(303);
    expect(redirected.headers.get("location")).toBe(`/api/auth/session?callbackUrl=${encodeURIComponent(`${base}/`)}&x=1`);
    const posted = unsafeCallbackUrlResponse(
      new Request(`${base}/api/auth/signout?callbackUrl=%20%2F%2Fevil.example`, { method: "POST" }),
      base,
    )!;
    expect(posted.status).toBe(400);
    expect(await posted.json()).toEqual({
      error: {
        code: "invalid_request",
        message: "callbackUrl: must be a path on this site",
        details: [{ field: "callbackUrl", message: "must be a path on this site" }],
      },
    });
    expect(unsafeCallbackUrlResponse(get("?callbackUrl=%2Fa&callbackUrl=%2Fb"), base)?.status).toBe(303);
  });

  it("clears a planted callback-url cookie", () => {
    const response = unsafeCallbackUrlResponse(
      get("", "next-auth.callback-url=javascript%3Aalert(1); __Secure-next-auth.callback-url=%2F%2Fevil.example"),
      base,
    )!;
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/api/auth/session");
    expect(response.headers.getSetCookie()).toEqual([
      "next-auth.callback-url=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
      "__Secure-next-auth.callback-url=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure",
    ]);
  });
});
