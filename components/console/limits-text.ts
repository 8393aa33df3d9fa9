// The words for rate-limit windows, for client forms and server pages alike.

export const WINDOWS = [
  { value: "1", label: "second" },
  { value: "60", label: "minute" },
  { value: "3600", label: "hour" },
  { value: "86400", label: "day" },
] as const;

export function windowLabel(seconds: number): string {
  return WINDOWS.find((w) => w.value === String(seconds))?.label ?? `${seconds} s`;
}
