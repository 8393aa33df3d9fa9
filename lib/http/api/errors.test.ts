import { describe, expect, it, vi } from "vitest";

// Next's bundle and the server's module graph each load lib/; the process's verifier is made by
// whichever asks first, so an error thrown by one copy's classes must map to the same answer in
// the other's error path (it answered 500 when it was checked with instanceof alone).
describe("errorPayload", () => {
  it("answers an expected failure thrown by another copy of the modules with its own status, not a 500", async () => {
    vi.resetModules();
    const first = await import("./errors");
    const firstDomain = await import("../../core/errors");
    const firstDb = await import("../../platform/db/availability");
    vi.resetModules();
    const second = await import("./errors");
    expect(first.ApiError).not.toBe(second.ApiError);
    const forbidden = second.errorPayload(new first.ApiError("forbidden", "no", undefined, { "X-Test": "1" }), "req_test0001");
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers["X-Test"]).toBe("1");
    expect(forbidden.body.error).toMatchObject({ code: "forbidden", request_id: "req_test0001" });
    expect(second.errorPayload(firstDomain.notFound("App")).status).toBe(404);
    expect(second.errorPayload(new firstDb.DatabaseUnavailableError()).status).toBe(503);
    // A look-alike with an unknown code is still a bug on our side.
    expect(second.errorPayload(Object.assign(new Error("x"), { name: "ApiError", code: "made_up" })).status).toBe(500);
  });
});
