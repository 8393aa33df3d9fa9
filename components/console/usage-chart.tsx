"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";
import { Button } from "@/components/ui/button";
import type { Usage, UsageWindow } from "@/lib/domain/keys/schemas";
import { errorSentence } from "./action";
import { consoleKeys, getJson } from "./query-keys";
import { plural } from "./time";

// The charting library is the heaviest script of the console: it loads after the page, only
// where a chart has something to draw.
const UsageBars = dynamic(() => import("./usage-bars"), { ssr: false, loading: () => <Skeleton className="h-48 w-full" /> });

const SERIES = [
  { key: "valid", label: "Valid", color: "var(--color-success)" },
  { key: "insufficient_scopes", label: "Insufficient scopes", color: "var(--color-warning)" },
  { key: "expired", label: "Expired", color: "var(--color-muted-foreground)" },
  { key: "revoked", label: "Revoked", color: "var(--color-destructive)" },
  { key: "disabled", label: "Disabled", color: "var(--color-info)" },
  { key: "forbidden", label: "Not from an allowed address", color: "var(--color-foreground)" },
  { key: "rate_limited", label: "Rate limited", color: "oklch(0.6 0.19 300)" },
  { key: "usage_exceeded", label: "Out of credits", color: "oklch(0.7 0.16 55)" },
] as const;

const WINDOWS: { value: UsageWindow; label: string }[] = [
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
];

const hourFormat = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", timeZone: "UTC", hourCycle: "h23" });
const dayFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

/** Verifications by outcome over 24 h, 7 d or 30 d, from `url?window=…`. The 24 h view arrives with the page. */
export function UsageChart({
  teamSlug,
  target,
  url,
  initial,
  title,
}: {
  teamSlug: string;
  target: string;
  url: string;
  initial: Usage;
  title: string;
}) {
  const [window, setWindow] = useState<UsageWindow>("24h");
  const usage = useQuery({
    queryKey: consoleKeys.usage(teamSlug, target, window),
    queryFn: ({ signal }) => getJson<Usage>(`${url}?window=${window}`, signal),
    initialData: window === "24h" ? initial : undefined,
    staleTime: 60_000,
  });
  const data = usage.data;
  const label = (start: string) =>
    data?.granularity === "day"
      ? dayFormat.format(new Date(start))
      : window === "7d"
        ? `${dayFormat.format(new Date(start))} ${hourFormat.format(new Date(start))}`
        : hourFormat.format(new Date(start));
  const total = data ? Object.values(data.totals).reduce((a, b) => a + b, 0) : 0;

  return (
    <section aria-label={title} className="rounded-lg border border-border bg-card p-4">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 className="font-medium">{title}</h2>
          <p className="text-sm text-muted-foreground" data-testid="usage-summary">
            {data
              ? `${plural(total, "verification")}: ${SERIES.map((s) => `${data.totals[s.key].toLocaleString("en")} ${s.label.toLowerCase()}`).join(", ")}. Times in UTC.`
              : "Loading…"}
          </p>
        </div>
        {/* A toggle group rather than tabs: the buttons switch one chart's data, not panels. */}
        <div role="group" aria-label="Time window" className="inline-flex rounded-md bg-muted p-1">
          {WINDOWS.map((w) => (
            <Button
              key={w.value}
              type="button"
              size="sm"
              variant="ghost"
              aria-pressed={window === w.value}
              onClick={() => setWindow(w.value)}
              className="h-7 aria-pressed:bg-background aria-pressed:shadow-sm"
            >
              {w.label}
            </Button>
          ))}
        </div>
      </div>
      {usage.isError ? (
        <p role="alert" className="text-sm text-destructive">
          Usage could not be loaded. {errorSentence(usage.error)}
        </p>
      ) : !data ? (
        <Skeleton className="h-48 w-full" />
      ) : total === 0 ? (
        <p className="flex h-48 items-center justify-center rounded-md border border-dashed border-border text-center text-sm text-muted-foreground">
          No verifications in this window. Calls to POST /v1/api-keys/verify show up here within a few seconds.
        </p>
      ) : (
        <UsageBars data={data} label={label} series={SERIES} />
      )}
      <ul className="mt-2 flex flex-wrap gap-3 text-xs text-muted-foreground" aria-label="Legend">
        {SERIES.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <span aria-hidden className="size-2.5 rounded-sm" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
    </section>
  );
}
