"use client";

import { useId } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

const DAY = 86_400_000;
export const EXPIRY_PRESETS = [
  { value: "never", label: "Never" },
  { value: "7", label: "In 7 days" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In 1 year" },
  { value: "date", label: "On a date…" },
] as const;

export type Expiry = { preset: string; date: string };
type Preset = { value: string; label: string };

/**
 * The choices a key may have under its project's policy: no "Never" when an expiry is required,
 * nothing past the maximum lifetime, and the maximum itself as a choice.
 */
export function expiryPresets(maxDays: number | null, required: boolean): Preset[] {
  const fixed = EXPIRY_PRESETS.filter(
    (p) => p.value !== "date" && !(required && p.value === "never") && !(maxDays && p.value !== "never" && Number(p.value) > maxDays),
  );
  const presets: Preset[] = fixed.map((p) =>
    maxDays && Number(p.value) === maxDays ? { value: p.value, label: `${p.label} (the maximum)` } : p,
  );
  if (maxDays && !presets.some((p) => Number(p.value) === maxDays))
    presets.push({ value: String(maxDays), label: `In ${maxDays} days (the maximum)` });
  return [...presets, { value: "date", label: "On a date…" }];
}

/** Where the field starts: "Never" when the key may live forever, else the maximum lifetime (90 days when there is none). */
export function defaultExpiry(maxDays: number | null, required: boolean): Expiry {
  return { preset: required || maxDays ? String(maxDays ?? 90) : "never", date: "" };
}

/** The chosen expiry as an ISO timestamp, null for never, or "invalid" for a bad or past date. */
export function expiryTimestamp(expiry: Expiry, now = Date.now()): string | null | "invalid" {
  if (expiry.preset === "never") return null;
  if (expiry.preset === "date") {
    const at = new Date(`${expiry.date}T00:00:00Z`);
    return Number.isNaN(at.getTime()) || at.getTime() <= now ? "invalid" : at.toISOString();
  }
  return new Date(now + Number(expiry.preset) * DAY).toISOString();
}

type Props = { value: Expiry; onChange: (value: Expiry) => void; error?: string | null; presets?: Preset[]; hint?: string | null };

export function ExpiryField({ value, onChange, error, presets = [...EXPIRY_PRESETS], hint }: Props) {
  const id = useId();
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>Expires</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Select value={value.preset} onValueChange={(preset) => onChange({ ...value, preset })}>
          <SelectTrigger id={id} className="sm:w-44">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {presets.map((p) => (
              <SelectItem key={p.value} value={p.value}>
                {p.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        {value.preset === "date" ? (
          <Input
            type="date"
            aria-label="Expiry date (UTC)"
            value={value.date}
            onChange={(e) => onChange({ ...value, date: e.target.value })}
            aria-invalid={error ? true : undefined}
          />
        ) : null}
      </div>
      {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
