import { describe, expect, it } from "vitest";
import { allowHeader, otherMethods } from "./route-methods";

describe("otherMethods", () => {
  it("answers each method a route lacks with 405 in the error shape, and Allow naming what it serves", async () => {
    const ok = () => new Response("ok");
    const missing = otherMethods({ GET: ok, PATCH: ok });
    expect(Object.keys(missing).sort()).toEqual(["DELETE", "POST", "PUT"]);
    const response = missing.POST(new Request("http://localhost/v1/x", { method: "POST" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS, PATCH");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      error: { code: "method_not_allowed", message: "POST is not allowed on this path. Allowed: GET, HEAD, OPTIONS, PATCH." },
    });
  });

  it("adds HEAD only to a route with GET", () => {
    expect(allowHeader(["POST"])).toBe("OPTIONS, POST");
    expect(allowHeader(["GET", "DELETE"])).toBe("DELETE, GET, HEAD, OPTIONS");
  });
});
