"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Usage } from "@/lib/domain/keys/schemas";

type Series = readonly {
  key: keyof Omit<Usage["totals"], never>;
  label: string;
  color: string;
}[];

/** The stacked bars of a usage chart (Recharts), loaded on its own by usage-chart.tsx. */
export default function UsageBars({ data, label, series }: { data: Usage; label: (start: string) => string; series: Series }) {
  return (
    <div className="h-48" role="img" aria-label={`Bar chart of verifications per ${data.granularity}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.buckets} accessibilityLayer={false} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis
            dataKey="start"
            tickFormatter={label}
            tick={{ fill: "var(--color-muted-foreground)", fontSize: 11 }}
            tickLine={false}
            axisLine={false}
            minTickGap={24}
          />
          <YAxis allowDecimals={false} tick={{ fill: "var(--color-muted-foreground)", fontSize: 11 }} tickLine={false} axisLine={false} />
          <Tooltip
            labelFormatter={(start) => label(String(start))}
            contentStyle={{
              background: "var(--color-popover)",
              border: "1px solid var(--color-border)",
              borderRadius: 6,
              color: "var(--color-popover-foreground)",
            }}
            cursor={{ fill: "var(--color-muted)" }}
          />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="outcome" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
