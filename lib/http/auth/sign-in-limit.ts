import "server-only";
import { failureLimiter, type FailureLimiter } from "../../platform/rate-limit";

// Failed sign-ins, limited per client address and per account. With OpenID Connect the
// password is checked at the identity provider, so a failure here is a callback that does
// not end in a session: the provider's error (access_denied), a state or PKCE check that
// fails (a forged or replayed callback), a code that cannot be redeemed, or an identity that
// Latchkey refuses. An address that fails too often may not start or finish a sign-in until
// its window ends; an account that Latchkey refused too often is refused without asking.

const WINDOW_MS = 15 * 60_000;
export const SIGN_IN_LIMITS = { perAddress: 20, perAccount: 5, windowMs: WINDOW_MS } as const;

type Limiters = { address: FailureLimiter; account: FailureLimiter };

export function signInLimiters(now?: () => number): Limiters {
  return {
    address: failureLimiter("sign-in:ip", { limit: SIGN_IN_LIMITS.perAddress, windowMs: WINDOW_MS, now }),
    account: failureLimiter("sign-in:account", { limit: SIGN_IN_LIMITS.perAccount, windowMs: WINDOW_MS, now }),
  };
}

const limiters = signInLimiters();

// An unknown address shares one count: a server that cannot see addresses still limits.
const addressKey = (ip: string | null) => ip ?? "unknown";

/** Milliseconds until this address may sign in again; 0 when it may. */
export function signInBlockedFor(ip: string | null): number {
  return limiters.address.blockedFor(addressKey(ip));
}

/** Milliseconds until this account (provider and subject) may sign in again; 0 when it may. */
export function accountBlockedFor(account: string): number {
  return limiters.account.blockedFor(account);
}

/** Counts a failed sign-in from this address, and logs it (no team to audit it under: nobody is signed in). */
export function recordSignInFailure({ ip, reason }: { ip: string | null; reason: string }): void {
  limiters.address.fail(addressKey(ip));
  console.warn(`[auth] sign-in failed (${reason}) from ${ip ?? "an unknown address"}`);
}

/** Counts a sign-in that Latchkey refused for this account (the address is counted by the route). */
export function recordAccountFailure(account: string): void {
  limiters.account.fail(account);
}

/** "in 4 minutes" for a wait in milliseconds, rounded up. */
export function waitSentence(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes === 1 ? "in a minute" : `in ${minutes} minutes`;
}
