import { describe, expect, it } from "vitest";
import { HOSTILE_CALLBACK_URLS } from "../testing/hostile-callback-urls";
import { safeCallbackPath, safeRedirect } from "./callback-url";

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
