"use client";

import { useId } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { MAX_GRACE_PERIOD_SECONDS } from "@/lib/keys/schemas";
import { describeGrace } from "./time";

export type Policy = { intervalDays: string; webhookUrl: string; graceSeconds: string };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The interval as a number, null when empty, or NaN when it is not a whole number of days from 1 to 3650. */
export function policyInterval(policy: Policy): number | null {
  const raw = policy.intervalDays.trim();
  if (!raw) return null;
  const days = Number(raw);
  return Number.isInteger(days) && days >= 1 && days <= 3650 ? days : Number.NaN;
}

/** The grace period as a number, null when empty (the project's default), or NaN when it is not a whole number of seconds in range. */
export function policyGrace(policy: Policy): number | null {
  const raw = policy.graceSeconds.trim();
  if (!raw) return null;
  const seconds = Number(raw);
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_GRACE_PERIOD_SECONDS ? seconds : Number.NaN;
}

export const GRACE_HINT = `Enter a whole number of seconds from 0 to ${MAX_GRACE_PERIOD_SECONDS} (30 days), or leave it empty.`;

/** Rotation interval, the grace a scheduled rotation gives, and the webhook, with a preview of when the next rotation falls. */
type Props = { value: Policy; onChange: (p: Policy) => void; from: Date; errors: { interval?: string | null; grace?: string | null; webhook?: string | null }; legend?: string };

export function RotationPolicyFields({ value, onChange, from, errors, legend = "Rotation policy (optional)" }: Props) {
  const id = useId();
  const days = policyInterval(value);
  const preview = days && !Number.isNaN(days) ? new Date(from.getTime() + days * 86_400_000) : null;
  return (
    <fieldset className="grid gap-3 rounded-md border border-border p-3 has-[legend.sr-only]:border-0 has-[legend.sr-only]:p-0">
      <legend className={legend === "Rotation policy" ? "sr-only" : "px-1 text-sm font-medium"}>{legend}</legend>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-interval`}>Rotate every (days)</Label>
        <Input
          id={`${id}-interval`}
          inputMode="numeric"
          value={value.intervalDays}
          onChange={(e) => onChange({ ...value, intervalDays: e.target.value })}
          placeholder="e.g. 90"
          aria-invalid={errors.interval ? true : undefined}
          aria-describedby={`${id}-preview`}
        />
        <p id={`${id}-preview`} className="text-xs text-muted-foreground" data-testid="next-rotation-preview">
          {preview ? `Next rotation: ${when.format(preview)} UTC` : days === null ? "No scheduled rotation." : ""}
        </p>
        {errors.interval ? (
          <p role="alert" className="text-sm text-destructive">
            {errors.interval}
          </p>
        ) : null}
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-grace`}>Grace period when rotated on schedule (seconds)</Label>
        <Input
          id={`${id}-grace`}
          inputMode="numeric"
          value={value.graceSeconds}
          onChange={(e) => onChange({ ...value, graceSeconds: e.target.value })}
          placeholder="Project default"
          aria-invalid={errors.grace ? true : undefined}
          aria-describedby={`${id}-grace-hint`}
        />
        <p id={`${id}-grace-hint`} className="text-xs text-muted-foreground">
          {describeGrace(policyGrace(value)) ?? "Empty: the project's default grace period."}
        </p>
        {errors.grace ? (
          <p role="alert" className="text-sm text-destructive">
            {errors.grace}
          </p>
        ) : null}
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-webhook`}>Rotation webhook URL</Label>
        <Input
          id={`${id}-webhook`}
          type="url"
          value={value.webhookUrl}
          onChange={(e) => onChange({ ...value, webhookUrl: e.target.value })}
          placeholder="https://example.com/hooks/latchkey"
          aria-invalid={errors.webhook ? true : undefined}
        />
        {errors.webhook ? (
          <p role="alert" className="text-sm text-destructive">
            {errors.webhook}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
