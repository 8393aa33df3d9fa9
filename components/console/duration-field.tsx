"use client";

import type { ReactNode } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { MAX_GRACE_PERIOD_SECONDS } from "@/lib/core/schemas";
import { duration } from "./time";

// One way to enter a length of time in the console (grace periods): an amount and a unit that
// people think in. The API keeps seconds; the conversion happens here and nowhere else.

const UNITS = [
  { value: "minutes", label: "minutes", seconds: 60 },
  { value: "hours", label: "hours", seconds: 3_600 },
  { value: "days", label: "days", seconds: 86_400 },
] as const;

export type DurationUnit = (typeof UNITS)[number]["value"];
export type DurationDraft = { amount: string; unit: DurationUnit };

export const EMPTY_DURATION: DurationDraft = { amount: "", unit: "hours" };

/** A stored number of seconds as the largest unit that shows it exactly ("2 days", "90 minutes"); null is empty. */
export function durationDraft(seconds: number | null, fallbackUnit: DurationUnit = "hours"): DurationDraft {
  if (seconds === null) return { amount: "", unit: fallbackUnit };
  if (seconds === 0) return { amount: "0", unit: fallbackUnit };
  const unit = [...UNITS].reverse().find((u) => seconds % u.seconds === 0) ?? UNITS[0];
  return { amount: String(Number((seconds / unit.seconds).toFixed(4))), unit: unit.value };
}

/** The draft in whole seconds, null when empty, or NaN when it is not a number from 0 to the maximum. */
export function durationSeconds(draft: DurationDraft, max = MAX_GRACE_PERIOD_SECONDS): number | null {
  const raw = draft.amount.trim().replace(",", ".");
  if (!raw) return null;
  const amount = Number(raw);
  const unit = UNITS.find((u) => u.value === draft.unit) ?? UNITS[1];
  const seconds = Math.round(amount * unit.seconds);
  return Number.isFinite(amount) && amount >= 0 && seconds <= max ? seconds : Number.NaN;
}

export const DURATION_HINT = `Enter a duration from 0 to ${duration(MAX_GRACE_PERIOD_SECONDS)}, in minutes, hours or days.`;

type Props = {
  id: string;
  label: string;
  value: DurationDraft;
  onChange: (value: DurationDraft) => void;
  placeholder?: string;
  /** A line under the field; it is the field's description for assistive technology. */
  hint?: ReactNode;
  error?: string | null;
};

/** An amount and a unit (minutes, hours, days) on one line, with a hint and an error under them. */
export function DurationField({ id, label, value, onChange, placeholder, hint, error }: Props) {
  return (
    <div className="grid content-start gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <Input
          id={id}
          inputMode="decimal"
          value={value.amount}
          onChange={(e) => onChange({ ...value, amount: e.target.value })}
          placeholder={placeholder}
          className="min-w-0 flex-1"
          aria-invalid={error ? true : undefined}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        <Select value={value.unit} onValueChange={(unit) => onChange({ ...value, unit: unit as DurationUnit })}>
          <SelectTrigger aria-label={`${label}: unit`} className="w-28 shrink-0">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {UNITS.map((u) => (
              <SelectItem key={u.value} value={u.value}>
                {u.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
