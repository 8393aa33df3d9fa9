// The results as text: LIGHTHOUSE.md's tables and sections, and the table printed to the console.
import os from "node:os";
import { EXPECTED, SKIPPED } from "./audits";
import { CATEGORIES, CATEGORY_TITLES, FAILING_BELOW, type FailingAudit, METRICS, type PageResult, TOP_AUDITS } from "./config";

export function scoreCell(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : String(value);
}

export function scoresTable(results: PageResult[], mobile: boolean): string {
  const header = ["page", "status", ...CATEGORIES.map((c) => CATEGORY_TITLES[c]), ...(mobile ? ["Performance (mobile)"] : [])];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i < 2 ? "---" : "---:")).join("|")}|`];
  for (const r of results) {
    const status = r.error ? `${r.status}; **${r.error}**` : r.measured ? r.status : `${r.status}, not measured`;
    const cells = [
      `\`${r.spec.template}\``,
      status,
      ...CATEGORIES.map((c) => scoreCell(r.scores?.[c])),
      ...(mobile ? [scoreCell(r.mobilePerformance)] : []),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

export function metricsTable(results: PageResult[]): string {
  const measured = results.filter((r) => r.metrics);
  if (measured.length === 0) return "";
  const lines = [`| page | ${METRICS.map(([, label]) => label).join(" | ")} |`, `|---|${METRICS.map(() => "---:").join("|")}|`];
  for (const r of measured) lines.push(`| \`${r.spec.template}\` | ${METRICS.map(([, label]) => r.metrics![label]).join(" | ")} |`);
  return lines.join("\n");
}

function auditLine(a: FailingAudit): string {
  const extra = [a.displayValue, a.items ? `${a.items} item${a.items === 1 ? "" : "s"}` : undefined].filter(Boolean).join(", ");
  return `\`${a.id}\`: ${a.title} (${a.categories.join(", ")}; score ${Math.round(a.score * 100)}${a.weight ? `, weight ${a.weight}` : ""}${extra ? `; ${extra}` : ""})`;
}

export type AuditReport = {
  /** Failing on every measured page, with the examples they all share. */
  common: { audit: FailingAudit; scores: number[]; examples: string[] }[];
  /** Per page, the costliest TOP_AUDITS others, and common ones with examples of their own. */
  pages: { result: PageResult; audits: FailingAudit[] }[];
  expected: string[];
};

export function auditReport(results: PageResult[]): AuditReport {
  const measured = results.filter((r) => r.failing);
  const common: AuditReport["common"] = [];
  if (measured.length >= 2) {
    for (const audit of measured[0]!.failing!) {
      if (EXPECTED[audit.id]) continue;
      const onEvery = measured.map((r) => r.failing!.find((a) => a.id === audit.id));
      if (onEvery.some((a) => !a)) continue;
      const examples = audit.examples.filter((e) => onEvery.every((a) => a!.examples.includes(e)));
      // Common when the pages share an example, or none has any to tell them apart.
      if (examples.length === 0 && onEvery.some((a) => a!.examples.length > 0)) continue;
      common.push({ audit, scores: onEvery.map((a) => a!.score), examples });
    }
  }
  const commonIds = new Map(common.map((c) => [c.audit.id, c]));
  const pages = measured.map((result) => {
    const audits: FailingAudit[] = [];
    for (const a of result.failing!) {
      if (EXPECTED[a.id]) continue;
      const shared = commonIds.get(a.id);
      if (!shared) audits.push(a);
      else {
        const own = a.examples.filter((e) => !shared.examples.includes(e));
        // A shared failure is repeated for a page only where this page adds to it.
        if (own.length > 0) audits.push({ ...a, examples: own });
      }
    }
    return { result, audits: audits.slice(0, TOP_AUDITS) };
  });
  const expected = Object.keys(EXPECTED).filter((id) => measured.some((r) => r.failing!.some((a) => a.id === id)));
  return { common, pages, expected };
}

export function auditsSection(report: AuditReport): string {
  const out: string[] = [];
  const examples = (list: string[]) => list.map((e) => `  - \`${e.replaceAll("`", "'")}\``);
  if (report.common.length > 0) {
    out.push(
      "### Every page",
      "",
      "Failing on every measured page (the shared layout, or Next's own scripts), with the examples they share.",
      "",
    );
    for (const { audit, scores, examples: shared } of report.common) {
      const [min, max] = [Math.round(Math.min(...scores) * 100), Math.round(Math.max(...scores) * 100)];
      out.push(
        `- \`${audit.id}\`: ${audit.title} (${audit.categories.join(", ")}; score ${min === max ? min : `${min}–${max}`}${audit.weight ? `, weight ${audit.weight}` : ""})`,
        ...examples(shared),
      );
    }
    out.push("");
  }
  for (const { result, audits } of report.pages) {
    out.push(`### \`${result.spec.template}\``, "");
    if (audits.length === 0) out.push(report.common.length ? "Nothing else." : `Every scored audit is at ${FAILING_BELOW * 100} or above.`);
    for (const a of audits)
      out.push(
        `- ${auditLine(a)}${report.common.some((c) => c.audit.id === a.id) ? " (as on every page, and here also:)" : ""}`,
        ...examples(a.examples),
      );
    out.push("");
  }
  const notes = [
    ...report.expected.map((id) => `- \`${id}\` fails on every page: ${EXPECTED[id]}.`),
    ...Object.entries(SKIPPED).map(([id, why]) => `- \`${id}\` is not run: ${why}.`),
  ];
  if (notes.length > 0) out.push("### Expected, and not run", "", ...notes, "");
  return out.join("\n");
}

/** Lighthouse's host CPU benchmark over the runs: a low or spread range means a busy machine. */
export function benchmarkLine(results: PageResult[]): string {
  const values = results.map((r) => r.benchmarkIndex).filter((x): x is number => typeof x === "number");
  if (values.length === 0) return "";
  const [min, max] = [Math.round(Math.min(...values)), Math.round(Math.max(...values))];
  return `, Lighthouse benchmarkIndex ${min === max ? min : `${min}–${max}`}`;
}

/**
 * Pages measured while the machine was busy: Lighthouse's CPU benchmark for their run fell
 * below half the best one of this run, so their Performance (and TBT) is understated.
 */
export function busyWarning(results: PageResult[], loadAtStart: number): string | undefined {
  const best = Math.max(0, ...results.map((r) => r.benchmarkIndex ?? 0));
  const slow = results.filter((r) => r.benchmarkIndex !== undefined && r.benchmarkIndex < best / 2);
  const parts: string[] = [];
  if (loadAtStart > os.cpus().length)
    parts.push(`the load average was ${loadAtStart.toFixed(1)} on ${os.cpus().length} cores at the start`);
  if (slow.length > 0)
    parts.push(`the CPU benchmark fell below half its best during ${slow.map((r) => `\`${r.spec.template}\``).join(", ")}`);
  if (parts.length === 0) return undefined;
  return `**Busy machine:** ${parts.join("; ")}. Performance figures from this run are understated; run again on a quiet machine to compare.`;
}

export function consoleTable(results: PageResult[], mobile: boolean): string {
  const header = ["page", "status", "Perf", "A11y", "BP", "SEO", ...(mobile ? ["Perf mobile"] : [])];
  const rows = results.map((r) => [
    r.spec.template,
    r.error ? `${r.status} (${r.error})` : r.status,
    ...CATEGORIES.map((c) => scoreCell(r.scores?.[c])),
    ...(mobile ? [scoreCell(r.mobilePerformance)] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
