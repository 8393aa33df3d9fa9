// A project key's state at a moment, from its timestamps alone. Verification, lists and the
// console's badges all read it from here, so they cannot disagree.

export type KeyTimestamps = {
  revokedAt: Date | null;
  expiresAt: Date | null;
  replacedByKeyId: string | null;
  graceExpiresAt: Date | null;
};

export type KeyState = "active" | "in_grace" | "revoked" | "expired" | "rotated";

export function keyState(key: KeyTimestamps, now: Date): KeyState {
  if (key.revokedAt && key.revokedAt <= now) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  if (key.replacedByKeyId) {
    // A rotated key stays valid until its grace period ends; without one it ends at once.
    return key.graceExpiresAt && key.graceExpiresAt > now ? "in_grace" : "rotated";
  }
  return "active";
}

export function isUsable(state: KeyState): boolean {
  return state === "active" || state === "in_grace";
}

/** How far ahead of its expiry a key counts as expiring soon (the console's warning badge). */
export const EXPIRING_SOON_MS = 7 * 86_400_000;

export const KEY_STATUSES = ["active", "expiring_soon", "in_grace", "rotated", "expired", "revoked"] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

/** The console's status for a key: its state, with active keys near their expiry set apart. */
export function keyStatus(key: KeyTimestamps, now: Date): KeyStatus {
  const state = keyState(key, now);
  if (state === "active" && key.expiresAt && key.expiresAt.getTime() - now.getTime() <= EXPIRING_SOON_MS) return "expiring_soon";
  return state;
}
