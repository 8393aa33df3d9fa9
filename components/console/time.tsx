const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31_536_000_000],
  ["month", 2_592_000_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const absolute = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function relativeTime(date: Date, now = new Date()): string {
  const diff = date.getTime() - now.getTime();
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return diff >= 0 ? "in less than a minute" : "just now";
}

/** A timestamp as "3 days ago", with the exact UTC time on hover; "—" (or `empty`) when absent. */
export function Time({ value, empty = "—" }: { value: string | Date | null; empty?: string }) {
  if (!value) return <span className="text-muted-foreground">{empty}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  return (
    <time dateTime={date.toISOString()} title={`${absolute.format(date)} UTC`} suppressHydrationWarning>
      {relativeTime(date)}
    </time>
  );
}

/** "1 hour", "90 minutes", "2 days": the largest unit that divides the seconds evenly. */
export function duration(seconds: number): string {
  const units: [number, string][] = [[86_400, "day"], [3_600, "hour"], [60, "minute"], [1, "second"]];
  const [size, name] = units.find(([size]) => seconds % size === 0 && seconds >= size) ?? [1, "second"];
  const count = seconds / size;
  return `${count} ${name}${count === 1 ? "" : "s"}`;
}

/** What a grace period of this many seconds means for the old key, or null when it is not one. */
export function describeGrace(seconds: number | null): string | null {
  if (seconds === null || !Number.isInteger(seconds) || seconds < 0) return null;
  return seconds === 0 ? "The old key stops at once." : `The old key keeps working for ${duration(seconds)}.`;
}
