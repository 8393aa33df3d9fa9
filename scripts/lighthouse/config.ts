// What npm run lighthouse measures and how (the pages, the categories, the metrics, where reports go),
// the shapes of its results, and its log.
import path from "node:path";
import type { SeedResult } from "../lib/lighthouse-seed";

export const root = path.resolve(import.meta.dirname, "../..");
export const CHROME_PATH = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_TITLES: Record<Category, string> = {
  performance: "Performance",
  accessibility: "Accessibility",
  "best-practices": "Best Practices",
  seo: "SEO",
};
export const METRICS = [
  ["first-contentful-paint", "FCP"],
  ["largest-contentful-paint", "LCP"],
  ["total-blocking-time", "TBT"],
  ["cumulative-layout-shift", "CLS"],
  ["speed-index", "Speed Index"],
] as const;
export const FAILING_BELOW = 0.9;
export const TOP_AUDITS = 10;
export const REPORT_DIR = path.join(root, "test-results/lighthouse");

export type PageSpec = { name: string; template: string; path: (seed: SeedResult) => string };

export const PAGES: PageSpec[] = [
  { name: "apps", template: "/demo", path: (s) => `/${s.teamSlug}` },
  { name: "app", template: "/demo/apps/{appId}", path: (s) => `/${s.teamSlug}/apps/${s.appId}` },
  {
    name: "project",
    template: "/demo/apps/{appId}/projects/{projectId}",
    path: (s) => `/${s.teamSlug}/apps/${s.appId}/projects/${s.projectId}`,
  },
  {
    name: "project-webhooks",
    template: "/demo/apps/{appId}/projects/{projectId}/webhooks",
    path: (s) => `/${s.teamSlug}/apps/${s.appId}/projects/${s.projectId}/webhooks`,
  },
  { name: "key", template: "/demo/apps/{appId}/keys/{keyId}", path: (s) => `/${s.teamSlug}/apps/${s.appId}/keys/${s.keyId}` },
  { name: "members", template: "/demo/members", path: (s) => `/${s.teamSlug}/members` },
  { name: "audit", template: "/demo/audit", path: (s) => `/${s.teamSlug}/audit` },
  { name: "settings", template: "/demo/settings", path: (s) => `/${s.teamSlug}/settings` },
];

export type FailingAudit = {
  id: string;
  title: string;
  categories: string[];
  score: number;
  weight: number;
  displayValue?: string;
  items?: number;
  examples: string[];
};

export type PageResult = {
  spec: PageSpec;
  /** What the server answered, redirects followed: "200", "404", "307 → /elsewhere → 200", "307 → /sign-in", "error: …". */
  status: string;
  measured: boolean;
  /** A real error: the page answers 200 but could not be measured, or the session was refused. */
  error?: string;
  signInRedirect?: boolean;
  scores?: Record<Category, number | null>;
  mobilePerformance?: number | null;
  metrics?: Record<string, string>;
  failing?: FailingAudit[];
  report?: string;
  /** Lighthouse's measure of the host CPU's speed during the desktop run (higher is faster). */
  benchmarkIndex?: number;
  seconds?: { desktop: number; mobile?: number };
};

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
