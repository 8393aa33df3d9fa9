import { describe, expect, it } from "vitest";
import { isUsable, keyState } from "./state";

const now = new Date("2026-06-01T12:00:00Z");
const before = new Date(now.getTime() - 1000);
const after = new Date(now.getTime() + 1000);
const fresh = { revokedAt: null, expiresAt: null, replacedByKeyId: null, graceExpiresAt: null, enabled: true };

describe("keyState", () => {
  it("is active with no end in sight, or before its expiry", () => {
    expect(keyState(fresh, now)).toBe("active");
    expect(keyState({ ...fresh, expiresAt: after }, now)).toBe("active");
  });

  it("expires at its expiry instant", () => {
    expect(keyState({ ...fresh, expiresAt: now }, now)).toBe("expired");
    expect(keyState({ ...fresh, expiresAt: before }, now)).toBe("expired");
  });

  it("is revoked from its revocation on, whatever else holds", () => {
    expect(keyState({ ...fresh, revokedAt: before, replacedByKeyId: "key_x", graceExpiresAt: after }, now)).toBe("revoked");
  });

  it("stays usable while a rotation's grace period runs, and stops when it ends", () => {
    const rotated = { ...fresh, replacedByKeyId: "key_new" };
    expect(keyState({ ...rotated, graceExpiresAt: after }, now)).toBe("in_grace");
    expect(keyState({ ...rotated, graceExpiresAt: now }, now)).toBe("rotated");
    expect(keyState({ ...rotated, graceExpiresAt: null }, now)).toBe("rotated");
    expect(keyState({ ...rotated, graceExpiresAt: after, expiresAt: before }, now)).toBe("expired");
  });

  it("is disabled while usable otherwise, and stays revoked, expired or rotated out when disabled too", () => {
    const off = { ...fresh, enabled: false };
    expect(keyState(off, now)).toBe("disabled");
    expect(keyState({ ...off, replacedByKeyId: "key_new", graceExpiresAt: after }, now)).toBe("disabled");
    expect(keyState({ ...off, replacedByKeyId: "key_new", graceExpiresAt: before }, now)).toBe("rotated");
    expect(keyState({ ...off, revokedAt: before }, now)).toBe("revoked");
    expect(keyState({ ...off, expiresAt: before }, now)).toBe("expired");
  });

  it("says which states verify", () => {
    expect(["active", "in_grace", "disabled", "revoked", "expired", "rotated"].filter((s) => isUsable(s as never))).toEqual([
      "active",
      "in_grace",
    ]);
  });
});
