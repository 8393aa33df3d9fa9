import { describe, expect, it } from "vitest";
import { SIGN_IN_LIMITS, signInLimiters, waitSentence } from "./sign-in-limit";

describe("sign-in limits", () => {
  it("block an address after its failures and an account after fewer, for the window", () => {
    const clock = { now: 0 };
    const limiters = signInLimiters(() => clock.now);
    const address = `203.0.113.${Math.floor(Math.random() * 250)}-${Date.now()}`;
    const account = `oidc:${Date.now()}`;
    for (let i = 1; i < SIGN_IN_LIMITS.perAddress; i++) expect(limiters.address.fail(address)).toBe(0);
    expect(limiters.address.fail(address)).toBe(SIGN_IN_LIMITS.windowMs);
    for (let i = 1; i < SIGN_IN_LIMITS.perAccount; i++) expect(limiters.account.fail(account)).toBe(0);
    expect(limiters.account.fail(account)).toBe(SIGN_IN_LIMITS.windowMs);
    clock.now = SIGN_IN_LIMITS.windowMs;
    expect([limiters.address.blockedFor(address), limiters.account.blockedFor(account)]).toEqual([0, 0]);
  });

  it("say how long to wait, rounded up to minutes", () => {
    expect([waitSentence(1), waitSentence(60_000), waitSentence(60_001), waitSentence(15 * 60_000)]).toEqual([
      "in a minute",
      "in a minute",
      "in 2 minutes",
      "in 15 minutes",
    ]);
  });
});
