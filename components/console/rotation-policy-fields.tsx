"use client";

import { useId } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { DURATION_HINT, type DurationDraft, DurationField, durationSeconds } from "./duration-field";
import { describeGrace, duration } from "./time";

export type Policy = { intervalDays: string; webhookUrl: string; grace: DurationDraft };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The interval as a number, null when empty, or NaN when it is not a whole number of days from 1 to 3650. */
export function policyInterval(policy: Policy): number | null {
  const raw = policy.intervalDays.trim();
  if (!raw) return null;
  const days = Number(raw);
  return Number.isInteger(days) && days >= 1 && days <= 3650 ? days : Number.NaN;
}

/** The grace period in seconds, null when empty (the project's default), or NaN when it is out of range. */
export function policyGrace(policy: Policy): number | null {
  return durationSeconds(policy.grace);
}

export const GRACE_HINT = `${DURATION_HINT} Or leave it empty.`;

/** What an empty grace field means: the project's default, which is the scheduler's 2 days when the project sets none. */
export function defaultGraceNote(projectDefaultSeconds: number | null | undefined): string {
  if (projectDefaultSeconds === undefined) return "Empty: the project's default grace period.";
  if (projectDefaultSeconds === null) return "Empty: the project's default (2 days).";
  return `Empty: the project's default (${projectDefaultSeconds === 0 ? "none" : duration(projectDefaultSeconds)}).`;
}

/** Rotation interval, the grace a scheduled rotation gives, and the webhook, with a preview of when the next rotation falls. */
type Props = {
  value: Policy;
  onChange: (p: Policy) => void;
  from: Date;
  errors: { interval?: string | null; grace?: string | null; webhook?: string | null };
  legend?: string;
  /** The project's default grace, to say what an empty field means. */
  projectGraceSeconds?: number | null;
  /** A line under the interval, such as where its value came from. */
  intervalNote?: string | null;
  /** Two columns where there is room (a wide dialog); one in a narrow panel. */
  columns?: 1 | 2;
};

export function RotationPolicyFields({
  value,
  onChange,
  from,
  errors,
  legend = "Rotation policy (optional)",
  projectGraceSeconds,
  intervalNote,
  columns = 1,
}: Props) {
  const id = useId();
  const days = policyInterval(value);
  const preview = days && !Number.isNaN(days) ? new Date(from.getTime() + days * 86_400_000) : null;
  return (
    <fieldset
      className={`grid gap-3 rounded-md ${columns === 2 ? "sm:grid-cols-2" : ""} border border-border p-3 has-[legend.sr-only]:border-0 has-[legend.sr-only]:p-0`}
    >
      <legend className={legend === "Rotation policy" ? "sr-only" : "px-1 text-sm font-medium"}>{legend}</legend>
      <div className="grid content-start gap-1.5">
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
          {intervalNote ? ` ${intervalNote}` : ""}
        </p>
        {errors.interval ? (
          <p role="alert" className="text-sm text-destructive">
            {errors.interval}
          </p>
        ) : null}
      </div>
      <DurationField
        id={`${id}-grace`}
        label="Grace period when rotated on schedule"
        value={value.grace}
        onChange={(grace) => onChange({ ...value, grace })}
        placeholder="Project default"
        hint={describeGrace(policyGrace(value)) ?? defaultGraceNote(projectGraceSeconds)}
        error={errors.grace}
      />
      <div className={`grid gap-1.5 ${columns === 2 ? "sm:col-span-2" : ""}`}>
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
