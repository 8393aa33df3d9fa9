"use client";

import { Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { ApiKeyJson } from "@/lib/domain/keys/schemas";
import { WINDOWS } from "./limits-text";

// A key's rate limits and credits as form fields: the create dialog and the key page share them.

export type LimitRow = { name: string; limit: string; window: string };
export type LimitsValue = {
  rateLimits: LimitRow[];
  credits: { on: boolean; remaining: string; refill: "none" | "daily" | "monthly"; amount: string };
};

const MAX_LIMITS = 5;

export const EMPTY_LIMITS: LimitsValue = { rateLimits: [], credits: { on: false, remaining: "", refill: "none", amount: "" } };

export function limitsOf(key: Pick<ApiKeyJson, "rate_limits" | "credits">): LimitsValue {
  return {
    rateLimits: key.rate_limits.map((l) => ({ name: l.name, limit: String(l.limit), window: String(l.window_seconds) })),
    credits: key.credits
      ? {
          on: true,
          remaining: String(key.credits.remaining),
          refill: key.credits.refill?.interval ?? "none",
          amount: key.credits.refill ? String(key.credits.refill.amount) : "",
        }
      : EMPTY_LIMITS.credits,
  };
}

const whole = (text: string, min: number) => (/^\d+$/.test(text.trim()) && Number(text) >= min ? Number(text) : null);

/** The API's fields for the form's values, or the problem with them (shown before anything is sent). */
export function limitsInput(value: LimitsValue):
  | {
      rate_limits: { name: string; limit: number; window_seconds: number }[];
      credits: { remaining: number; refill?: { amount: number; interval: "daily" | "monthly" } } | null;
    }
  | { problem: string } {
  const rate_limits = [];
  for (const [i, row] of value.rateLimits.entries()) {
    const limit = whole(row.limit, 1);
    if (!row.name.trim()) return { problem: `Rate limit ${i + 1}: give it a name, such as "burst".` };
    if (limit === null) return { problem: `Rate limit ${i + 1}: the limit is a whole number of requests, at least 1.` };
    rate_limits.push({ name: row.name.trim(), limit, window_seconds: Number(row.window) });
  }
  if (!value.credits.on) return { rate_limits, credits: null };
  const remaining = whole(value.credits.remaining, 0);
  if (remaining === null) return { problem: "Credits: the balance is a whole number, 0 or more." };
  if (value.credits.refill === "none") return { rate_limits, credits: { remaining } };
  const amount = whole(value.credits.amount, 1);
  if (amount === null) return { problem: "Credits: the refill is a whole number, at least 1." };
  return { rate_limits, credits: { remaining, refill: { amount, interval: value.credits.refill } } };
}

export function LimitsFields({
  value,
  onChange,
  idPrefix,
  error,
  framed = true,
}: {
  value: LimitsValue;
  onChange: (next: LimitsValue) => void;
  idPrefix: string;
  error?: string | null;
  /** Drawn in a box with its legend, as in the create dialog; false inside a panel that has the title already. */
  framed?: boolean;
}) {
  const setRow = (i: number, patch: Partial<LimitRow>) =>
    onChange({ ...value, rateLimits: value.rateLimits.map((row, j) => (j === i ? { ...row, ...patch } : row)) });
  const setCredits = (patch: Partial<LimitsValue["credits"]>) => onChange({ ...value, credits: { ...value.credits, ...patch } });
  return (
    <fieldset className={`grid gap-3 ${framed ? "rounded-md border border-border p-3" : ""}`} aria-describedby={`${idPrefix}-limits-help`}>
      <legend className={framed ? "px-1 text-sm font-medium" : "sr-only"}>Rate limits and credits (optional)</legend>
      <p id={`${idPrefix}-limits-help`} className="-mt-1 text-xs text-muted-foreground">
        Checked at every verification; a refused request uses nothing. Verifications of such a key always ask Latchkey (the SDK does not
        cache them).
      </p>
      {value.rateLimits.map((row, i) => (
        <div key={i} className="grid grid-cols-[1fr_6rem_7rem_auto] items-end gap-2" data-testid="rate-limit-row">
          <div className="grid gap-1">
            <Label htmlFor={`${idPrefix}-limit-name-${i}`} className="text-xs">
              Name
            </Label>
            <Input
              id={`${idPrefix}-limit-name-${i}`}
              value={row.name}
              maxLength={64}
              placeholder="burst"
              onChange={(e) => setRow(i, { name: e.target.value })}
            />
          </div>
          <div className="grid gap-1">
            <Label htmlFor={`${idPrefix}-limit-count-${i}`} className="text-xs">
              Requests
            </Label>
            <Input
              id={`${idPrefix}-limit-count-${i}`}
              inputMode="numeric"
              value={row.limit}
              placeholder="100"
              onChange={(e) => setRow(i, { limit: e.target.value })}
            />
          </div>
          <div className="grid gap-1">
            <Label htmlFor={`${idPrefix}-limit-window-${i}`} className="text-xs">
              Per
            </Label>
            <Select value={row.window} onValueChange={(window) => setRow(i, { window })}>
              <SelectTrigger id={`${idPrefix}-limit-window-${i}`}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {(WINDOWS.some((w) => w.value === row.window)
                  ? WINDOWS
                  : [...WINDOWS, { value: row.window, label: `${row.window} s` }]
                ).map((w) => (
                  <SelectItem key={w.value} value={w.value}>
                    {w.label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <Button
            type="button"
            variant="ghost"
            size="icon"
            aria-label={`Remove rate limit ${row.name || i + 1}`}
            onClick={() => onChange({ ...value, rateLimits: value.rateLimits.filter((_, j) => j !== i) })}
          >
            <X aria-hidden />
          </Button>
        </div>
      ))}
      {value.rateLimits.length < MAX_LIMITS ? (
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            onClick={() =>
              onChange({
                ...value,
                rateLimits: [
                  ...value.rateLimits,
                  { name: value.rateLimits.length ? `limit_${value.rateLimits.length + 1}` : "burst", limit: "", window: "60" },
                ],
              })
            }
          >
            <Plus aria-hidden /> Add rate limit
          </Button>
        </div>
      ) : null}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="size-4 accent-primary"
          checked={value.credits.on}
          onChange={(e) => setCredits({ on: e.target.checked })}
        />
        Limit the number of uses with credits
      </label>
      {value.credits.on ? (
        <div className="grid grid-cols-3 items-end gap-2">
          <div className="grid gap-1">
            <Label htmlFor={`${idPrefix}-credits`} className="text-xs">
              Credits
            </Label>
            <Input
              id={`${idPrefix}-credits`}
              inputMode="numeric"
              value={value.credits.remaining}
              placeholder="1000"
              onChange={(e) => setCredits({ remaining: e.target.value })}
            />
          </div>
          <div className="grid gap-1">
            <Label htmlFor={`${idPrefix}-refill`} className="text-xs">
              Refill
            </Label>
            <Select
              value={value.credits.refill}
              onValueChange={(refill) => setCredits({ refill: refill as LimitsValue["credits"]["refill"] })}
            >
              <SelectTrigger id={`${idPrefix}-refill`}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="none">Never</SelectItem>
                <SelectItem value="daily">Daily (UTC)</SelectItem>
                <SelectItem value="monthly">Monthly (UTC)</SelectItem>
              </SelectContent>
            </Select>
          </div>
          {value.credits.refill !== "none" ? (
            <div className="grid gap-1">
              <Label htmlFor={`${idPrefix}-refill-amount`} className="text-xs">
                Refill to
              </Label>
              <Input
                id={`${idPrefix}-refill-amount`}
                inputMode="numeric"
                value={value.credits.amount}
                placeholder="1000"
                onChange={(e) => setCredits({ amount: e.target.value })}
              />
            </div>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
