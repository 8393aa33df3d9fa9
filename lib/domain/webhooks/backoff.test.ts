import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDelayMs } from "./backoff";

const HOUR = 3_600_000;

describe("retryDelayMs", () => {
  it("doubles from 30 seconds up to a cap of 6 hours", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 0.5))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, 0.5)).toBe(6 * HOUR);
  });

  it("jitters by up to 20% either way", () => {
    expect(retryDelayMs(1, 0)).toBe(24_000);
    expect(retryDelayMs(1, 0.999_999)).toBe(36_000);
  });

  it("spreads the attempts over more than 24 hours, even with the least jitter", () => {
    const waits = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, 0));
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThan(24 * HOUR);
    const longest = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, 0.999_999));
    expect(longest.reduce((sum, ms) => sum + ms, 0)).toBeLessThan(48 * HOUR);
  });
});
