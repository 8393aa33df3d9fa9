// The console's time filter for the audit log: a preset ("the last 7 days", counted back from
// now on every request) or a custom range typed in datetime-local fields, read as UTC. It
// resolves to the `since` and `until` timestamps that the audit query takes.

export const AUDIT_RANGE_PRESETS = {
  "24h": { label: "Last 24 hours", ms: 86_400_000 },
  "7d": { label: "Last 7 days", ms: 7 * 86_400_000 },
  "30d": { label: "Last 30 days", ms: 30 * 86_400_000 },
} as const;

export type AuditRangePreset = keyof typeof AUDIT_RANGE_PRESETS;
export type AuditRange = "any" | AuditRangePreset | "custom";

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

function isPreset(value: unknown): value is AuditRangePreset {
  return typeof value === "string" && Object.hasOwn(AUDIT_RANGE_PRESETS, value);
}

/** A datetime-local value ("2030-01-31T09:30") as a UTC timestamp; anything else unchanged, for the query schema to judge. */
export function utcFromLocalInput(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return LOCAL.test(value) ? `${value.length === 16 ? `${value}:00` : value}Z` : value;
}

/** A timestamp as a datetime-local value in UTC ("2030-01-31T09:30"); "" when absent or invalid. */
export function localInputFromUtc(value: string | Date | undefined): string {
  const date = value instanceof Date ? value : new Date(utcFromLocalInput(value) ?? "");
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 16);
}

/**
 * Which range a request asks for, and its `since` and `until`. A preset wins over typed
 * fields; typed fields without a preset (an API-style link such as `?since=…Z`) are custom.
 */
export function resolveAuditTimeRange(
  search: { range?: string; since?: string; until?: string },
  now = new Date(),
): { range: AuditRange; since?: string; until?: string } {
  if (isPreset(search.range))
    return { range: search.range, since: new Date(now.getTime() - AUDIT_RANGE_PRESETS[search.range].ms).toISOString() };
  const since = utcFromLocalInput(search.since);
  const until = utcFromLocalInput(search.until);
  return { range: since || until || search.range === "custom" ? "custom" : "any", since, until };
}
