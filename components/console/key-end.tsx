import type { ConsoleKey } from "@/lib/domain/keys/serialize";
import { Time } from "./time";

type KeyTimes = Pick<ConsoleKey, "expires_at" | "grace_expires_at" | "replaced_by_key_id" | "revoked_at">;

/**
 * When a key stops (or stopped) working, and why: revoked, the end of a rotation's grace period
 * when that comes before the expiry, else the expiry; null when it never stops.
 */
export function keyEnd(key: KeyTimes): { at: string; reason: "revoked" | "grace" | "expiry" } | null {
  if (key.revoked_at) return { at: key.revoked_at, reason: "revoked" };
  const grace = key.replaced_by_key_id ? key.grace_expires_at : null;
  if (grace && (!key.expires_at || new Date(grace) < new Date(key.expires_at))) return { at: grace, reason: "grace" };
  return key.expires_at ? { at: key.expires_at, reason: "expiry" } : null;
}

/** The keys table's Expires cell: "in 3 months", or "Stops in 1 hour" for a rotated key, "Revoked 2 days ago". */
export function KeyEnds({ keyRow, now = new Date() }: { keyRow: KeyTimes; now?: Date }) {
  const end = keyEnd(keyRow);
  if (!end) return <span className="text-muted-foreground">Never</span>;
  const past = new Date(end.at) <= now;
  if (end.reason === "expiry") return <Time value={end.at} />;
  const verb = end.reason === "revoked" ? "Revoked" : past ? "Stopped" : "Stops";
  return (
    <span>
      {verb} <Time value={end.at} />
    </span>
  );
}
