// A project key's state at a moment, from its timestamps alone. Verification, lists and the
// console's badges all read it from here, so they cannot disagree.

export type KeyTimestamps = {
  revokedAt: Date | null;
  expiresAt: Date | null;
  replacedByKeyId: string | null;
  graceExpiresAt: Date | null;
  /** false: disabled, until it is enabled again (a revoked, expired or rotated-out key stays what it is). */
  enabled: boolean;
};

export type KeyState = "active" | "in_grace" | "disabled" | "revoked" | "expired" | "rotated";

export function keyState(key: KeyTimestamps, now: Date): KeyState {
  if (key.revokedAt && key.revokedAt <= now) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  // A rotated key stays valid until its grace period ends; without one it ends at once.
  const inGrace = key.replacedByKeyId !== null && key.graceExpiresAt !== null && key.graceExpiresAt > now;
  if (key.replacedByKeyId && !inGrace) return "rotated";
  if (!key.enabled) return "disabled";
  return inGrace ? "in_grace" : "active";
}

export function isUsable(state: KeyState): boolean {
  return state === "active" || state === "in_grace";
}

/** Whether a key in this state or console status can still be disabled, enabled or edited (not revoked, expired or rotated out). */
export function isSwitchable(state: KeyState | KeyStatus): boolean {
  return state === "active" || state === "expiring_soon" || state === "in_grace" || state === "disabled";
}

/** How far ahead of its expiry a key counts as expiring soon (the console's warning badge). */
export const EXPIRING_SOON_MS = 7 * 86_400_000;

export const KEY_STATUSES = ["active", "expiring_soon", "in_grace", "disabled", "rotated", "expired", "revoked"] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

/** The console's status for a key: its state, with active keys near their expiry set apart. */
export function keyStatus(key: KeyTimestamps, now: Date): KeyStatus {
  const state = keyState(key, now);
  if (state === "active" && key.expiresAt && key.expiresAt.getTime() - now.getTime() <= EXPIRING_SOON_MS) return "expiring_soon";
  return state;
}
