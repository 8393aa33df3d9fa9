import { describe, expect, it } from "vitest";
import { allowAttempt } from "./rate-limit";

describe("allowAttempt", () => {
  it("allows `limit` attempts per window, per key", () => {
    const results = Array.from({ length: 5 }, () => allowAttempt("user:a", 3, 1000, 0));
    expect(results).toEqual([true, true, true, false, false]);
    expect(allowAttempt("user:b", 3, 1000, 0)).toBe(true);
    expect(allowAttempt("user:a", 3, 1000, 1000)).toBe(true);
  });
});
