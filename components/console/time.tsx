// Each unit, and how many of it make the next one: 59.6 minutes rounds to 60, which reads "in 1 hour".
const UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ["minute", 60_000, 60],
  ["hour", 3_600_000, 24],
  ["day", 86_400_000, 30],
  ["month", 2_592_000_000, 12],
  ["year", 31_536_000_000, Infinity],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const absolute = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function relativeTime(date: Date, now = new Date()): string {
  const diff = date.getTime() - now.getTime();
  if (Math.abs(diff) < 60_000) return diff >= 0 ? "in less than a minute" : "just now";
  for (const [unit, ms, next] of UNITS) {
    const count = Math.round(diff / ms);
    if (Math.abs(count) < next) return relative.format(count, unit);
  }
  return relative.format(Math.round(diff / 31_536_000_000), "year");
}

/** "1 verification", "2 verifications". */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en")} ${noun}${count === 1 ? "" : "s"}`;
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
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
    [1, "second"],
  ];
  const [size, name] = units.find(([size]) => seconds % size === 0 && seconds >= size) ?? [1, "second"];
  const count = seconds / size;
  return `${count} ${name}${count === 1 ? "" : "s"}`;
}

/** What a grace period of this many seconds means for the old key, or null when it is not one. */
export function describeGrace(seconds: number | null): string | null {
  if (seconds === null || !Number.isInteger(seconds) || seconds < 0) return null;
  return seconds === 0 ? "The old key stops at once." : `The old key keeps working for ${duration(seconds)}.`;
}
