import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// The import graph of the project's own sources, read from the files: what test/architecture.test.ts checks.

export const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const SKIP = new Set(["node_modules", ".next", "generated", ".git", "data", "test-results", "playwright-report"]);

export function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sourceFiles(rel);
    return SOURCE.test(entry.name) && !entry.name.endsWith(".d.mts") && !entry.name.endsWith(".d.ts") ? [rel] : [];
  });
}

export const isTest = (file: string) => /\.test\.tsx?$/.test(file);

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^"'`;]*?from\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;

/** The module specifiers a file imports, statically or dynamically. */
export function specifiers(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), "utf8");
  return [...source.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3]!).filter(Boolean);
}

/** A project file a specifier names (relative or "@/..."), or undefined for a package. */
export function resolveImport(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.join(path.dirname(from), specifier);
  else return undefined;
  const candidates = [
    base,
    ...[".ts", ".tsx", ".mts", ".mjs"].map((ext) => base + ext),
    ...["index.ts", "index.tsx"].map((i) => path.join(base, i)),
  ];
  return candidates.find((c) => existsSync(path.join(ROOT, c)) && statSync(path.join(ROOT, c)).isFile()) ?? path.normalize(base);
}

export type Edge = { from: string; to: string };

export function edges(files: readonly string[]): Edge[] {
  return files.flatMap((from) =>
    specifiers(from).flatMap((s) => {
      const to = resolveImport(from, s);
      return to ? [{ from, to }] : [];
    }),
  );
}

/** Strongly connected groups of more than one node (Tarjan), each sorted: the cycles. */
export function cycles(nodes: Iterable<string>, next: (node: string) => Iterable<string>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return found;
}
