import type { Environment, Project } from "../../platform/db/models";
import { invalidField } from "../../core/errors";

// A project's key policy: defaults for new keys, and limits that every key must keep. Like
// GitHub's maximum token lifetime for organisations, a project may require its keys to expire
// within N days of their creation; an environment may require an expiry of its own.

const DAY_MS = 86_400_000;

export type KeyPolicy = Pick<Project, "defaultRotationIntervalDays" | "defaultGracePeriodSeconds" | "maxKeyLifetimeDays">;

/** The project's policy columns alone, for queries that must not carry the rest (its sealed signing secret). */
export const KEY_POLICY_SELECT = { defaultRotationIntervalDays: true, defaultGracePeriodSeconds: true, maxKeyLifetimeDays: true } as const;

/** Throws a 400 naming expires_at when a key created at `createdAt` may not have this expiry. */
export function assertExpiryAllowed(
  policy: KeyPolicy,
  environment: Pick<Environment, "name" | "requireExpiry">,
  expiresAt: Date | null,
  createdAt: Date,
): void {
  const maxDays = policy.maxKeyLifetimeDays;
  if (!expiresAt) {
    if (maxDays) throw invalidField("expires_at", `is required: keys in this project must expire within ${maxDays} days`);
    if (environment.requireExpiry) throw invalidField("expires_at", `is required for keys in the ${environment.name} environment`);
    return;
  }
  if (maxDays && expiresAt.getTime() > createdAt.getTime() + maxDays * DAY_MS) {
    throw invalidField("expires_at", `must be at most ${maxDays} days after the key's creation (the project's maximum key lifetime)`);
  }
}

/** The interval a new key gets: the one asked for (null: none), else the project's default. */
export function rotationIntervalFor(policy: KeyPolicy, requested: number | null | undefined): number | null {
  return requested === undefined ? policy.defaultRotationIntervalDays : requested;
}

/**
 * When a rotation's new key expires (the rule the README's rotate section documents). A rotation
 * replaces the secret, not the key's term: a fixed expiry carries over unchanged, capped by the
 * project's maximum lifetime counted from the rotation (it only bites when the maximum was
 * tightened after the old key was made). A key without an expiry gets one derived from the
 * maximum lifetime when the project has one, else none.
 */
export function replacementExpiresAt(
  policy: Pick<KeyPolicy, "maxKeyLifetimeDays">,
  old: { expiresAt: Date | null },
  now: Date,
): Date | null {
  const cap = policy.maxKeyLifetimeDays ? new Date(now.getTime() + policy.maxKeyLifetimeDays * DAY_MS) : null;
  if (!old.expiresAt) return cap;
  return cap && cap < old.expiresAt ? cap : old.expiresAt;
}
