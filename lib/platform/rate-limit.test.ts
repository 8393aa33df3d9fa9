import { describe, expect, it } from "vitest";
import { allowAttempt, failureLimiter } from "./rate-limit";

describe("allowAttempt", () => {
  it("allows `limit` attempts per window, per key", () => {
    const results = Array.from({ length: 5 }, () => allowAttempt("user:a", 3, 1000, 0));
    expect(results).toEqual([true, true, true, false, false]);
    expect(allowAttempt("user:b", 3, 1000, 0)).toBe(true);
    expect(allowAttempt("user:a", 3, 1000, 1000)).toBe(true);
  });
});

describe("failureLimiter", () => {
  function clocked(limit: number, windowMs: number) {
    const clock = { now: 1_000_000 };
    const limiter = failureLimiter(`test-${Math.random()}`, { limit, windowMs, now: () => clock.now });
    return { clock, limiter };
  }

  it("blocks a key after `limit` failures, until the window that the first one opened ends", () => {
    const { clock, limiter } = clocked(3, 60_000);
    expect(limiter.blockedFor("1.2.3.4")).toBe(0);
    expect([limiter.fail("1.2.3.4"), limiter.fail("1.2.3.4")]).toEqual([0, 0]);
    clock.now += 10_000;
    expect(limiter.fail("1.2.3.4")).toBe(50_000);
    clock.now += 20_000;
    expect(limiter.blockedFor("1.2.3.4")).toBe(30_000);
    // Failing while blocked does not push the end further away.
    expect(limiter.fail("1.2.3.4")).toBe(30_000);
    clock.now += 30_000;
    expect(limiter.blockedFor("1.2.3.4")).toBe(0);
    expect(limiter.fail("1.2.3.4")).toBe(0);
  });

  it("keeps keys apart, and asking does not count", () => {
    const { limiter } = clocked(1, 1000);
    for (let i = 0; i < 5; i++) expect(limiter.blockedFor("a")).toBe(0);
    expect(limiter.fail("a")).toBe(1000);
    expect(limiter.blockedFor("b")).toBe(0);
  });

  it("forgets failures older than the window", () => {
    const { clock, limiter } = clocked(2, 1000);
    limiter.fail("a");
    clock.now += 1000;
    expect(limiter.fail("a")).toBe(0);
    clock.now += 999;
    expect(limiter.fail("a")).toBe(1);
  });

  it("keeps limiters with different names apart", () => {
    const a = failureLimiter("same-key-a", { limit: 1, windowMs: 1000, now: () => 0 });
    const b = failureLimiter("same-key-b", { limit: 1, windowMs: 1000, now: () => 0 });
    a.fail("k");
    expect(a.blockedFor("k")).toBe(1000);
    expect(b.blockedFor("k")).toBe(0);
  });
});
