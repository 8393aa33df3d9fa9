// Reading a Lighthouse result: its failing audits (with examples) and its scores, and the audits
// expected to fail or not run at all.
import type { Result as LhResult } from "lighthouse";
import { CATEGORIES, CATEGORY_TITLES, type Category, FAILING_BELOW, type FailingAudit } from "./config";

/**
 * Audits that fail on these pages by design, listed apart from the ones to fix:
 * public/robots.txt disallows crawling the whole console (it is private), so `is-crawlable`
 * fails and SEO stays at or below 63 whatever the page does.
 */
export const EXPECTED: Record<string, string> = {
  "is-crawlable": "public/robots.txt disallows crawling on purpose: the console is private",
};

/** Audits not run at all (they carry no weight in any score), and why. */
export const SKIPPED: Record<string, string> = {
  "bf-cache":
    "signed-in pages are dynamic and answer `Cache-Control: no-store`, which keeps them (and the keys they show) out of the back/forward cache, so it always fails; Lighthouse calls that not actionable, and the check costs a navigation per run",
};

/** One line for an item of an audit's details: the console message, the element, the resource. */
function describeItem(item: unknown): string | undefined {
  if (typeof item !== "object" || item === null) return undefined;
  const i = item as {
    description?: unknown;
    reason?: unknown;
    node?: { snippet?: unknown; selector?: unknown };
    url?: unknown;
    source?: unknown;
    sourceLocation?: { url?: unknown };
    wastedBytes?: unknown;
    label?: unknown;
    subItems?: { items?: { signal?: unknown }[] };
    reflowTime?: unknown;
  };
  const clip = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/\s+/g, " ");
  const shortUrl = (value: string) => {
    try {
      const url = new URL(value);
      url.searchParams.delete("_rsc"); // Next's per-request cache buster
      return url.pathname + url.search;
    } catch {
      return value;
    }
  };
  if (typeof i.description === "string") {
    const where = typeof i.sourceLocation?.url === "string" ? ` (${shortUrl(i.sourceLocation.url)})` : "";
    return clip(`${typeof i.source === "string" ? `${i.source}: ` : ""}${i.description}${where}`, 200);
  }
  if (typeof i.reason === "string") return clip(i.reason);
  if (i.node && typeof i.node.snippet === "string")
    return clip(`${i.node.snippet}${typeof i.node.selector === "string" ? ` (${i.node.selector})` : ""}`);
  if (typeof i.url === "string") {
    const signals = (i.subItems?.items ?? []).map((sub) => sub.signal).filter((x): x is string => typeof x === "string");
    const size = typeof i.wastedBytes === "number" && i.wastedBytes >= 1024 ? `, ${Math.round(i.wastedBytes / 1024)} KiB` : "";
    return clip(`${shortUrl(i.url)}${size}${signals.length ? ` (${signals.join(", ")})` : ""}`, 200);
  }
  if (typeof i.label === "string") return clip(i.label);
  if (typeof i.source === "object" && i.source !== null) {
    const source = i.source as { url?: unknown; line?: unknown; column?: unknown; value?: unknown };
    const where =
      typeof source.url === "string"
        ? `${shortUrl(source.url)}:${Number(source.line) + 1}:${Number(source.column) + 1}`
        : String(source.value ?? "?");
    return clip(`${where}${typeof i.reflowTime === "number" ? `, ${Math.round(i.reflowTime)} ms` : ""}`);
  }
  return undefined;
}

/** The rows of an audit's tables (an insight may hold a list of them); none from prose. */
function tableItems(details: unknown): unknown[] {
  const d = details as { type?: string; items?: unknown } | undefined;
  if (!d || !Array.isArray(d.items)) return [];
  if (d.type === "table" || d.type === "opportunity") return d.items as unknown[];
  if (d.type === "list") return (d.items as unknown[]).flatMap(tableItems);
  return [];
}

/** The audits that score below FAILING_BELOW, costliest first; `normalise` rewrites examples. */
export function failingAudits(lhr: LhResult, normalise: (text: string) => string): FailingAudit[] {
  const byId = new Map<string, FailingAudit>();
  for (const category of CATEGORIES) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || audit.score >= FAILING_BELOW) continue;
      if (["notApplicable", "manual", "informative", "error"].includes(audit.scoreDisplayMode)) continue;
      // Examples come from tables (elements, scripts, console messages), not from an insight's prose.
      const items = tableItems(audit.details);
      const entry = byId.get(ref.id) ?? {
        id: ref.id,
        title: audit.title,
        categories: [],
        score: audit.score,
        weight: 0,
        displayValue: audit.displayValue,
        items: items.length > 0 ? items.length : undefined,
        examples: items
          .slice(0, 3)
          .map(describeItem)
          .filter((x): x is string => !!x)
          .map(normalise),
      };
      entry.categories.push(CATEGORY_TITLES[category]);
      entry.weight = Math.max(entry.weight, ref.weight);
      byId.set(ref.id, entry);
    }
  }
  // The costliest first: weighted audits by the points they lose, then the unweighted ones.
  return [...byId.values()].sort((a, b) => b.weight * (1 - b.score) - a.weight * (1 - a.score) || a.score - b.score);
}

export function score(lhr: LhResult, category: Category): number | null {
  const value = lhr.categories[category]?.score;
  return value === null || value === undefined ? null : Math.round(value * 100);
}
