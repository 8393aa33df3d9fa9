import path from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cycles, edges, isTest, ROOT, sourceFiles, specifiers } from "./import-graph";

// The layers of lib/, lowest first. A module may import from its own layer and those below it,
// never from one above: core knows nothing of the database, platform nothing of keys or teams,
// domain nothing of HTTP. Tests may reach anywhere: they assemble the layers.
const LAYERS = ["core", "platform", "domain", "http"] as const;
const layerOf = (file: string) => LAYERS.indexOf(file.split(path.sep)[1] as (typeof LAYERS)[number]);

const libFiles = sourceFiles("lib").filter((f) => !isTest(f));
const libEdges = edges(libFiles).filter((e) => e.to.startsWith(`lib${path.sep}`));
const outside = ["app", "components", "cli"].flatMap((dir) => sourceFiles(dir)).filter((f) => !isTest(f));

describe("the layers of lib/", () => {
  it("puts every module in a layer", () => {
    expect(libFiles.filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it("never import upwards", () => {
    const upward = libEdges.filter((e) => layerOf(e.to) > layerOf(e.from)).map((e) => `${e.from} -> ${e.to}`);
    expect(upward).toEqual([]);
  });

  it("have no import cycles between files", () => {
    const next = new Map<string, string[]>();
    for (const e of libEdges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    expect(cycles(libFiles, (f) => next.get(f) ?? [])).toEqual([]);
  });

  it("have no import cycles between folders (keys may use projects, then projects never uses keys)", () => {
    const next = new Map<string, Set<string>>();
    for (const { from, to } of libEdges) {
      const [a, b] = [path.dirname(from), path.dirname(to)];
      if (a !== b && !b.startsWith(a + path.sep)) next.set(a, (next.get(a) ?? new Set()).add(b));
    }
    expect(cycles(new Set(libFiles.map((f) => path.dirname(f))), (d) => next.get(d) ?? [])).toEqual([]);
  });
});

describe("the database", () => {
  const generated = /(^|\/)generated\/(sqlite|postgres)\b|^@prisma\/client$/;

  it("is never reached from app/ or components/: they call lib/domain and lib/http", () => {
    const ui = outside.filter((f) => !f.startsWith(`cli${path.sep}`));
    const reaching = ui.flatMap((f) =>
      specifiers(f)
        .filter((s) => generated.test(s) || /lib\/platform\/db(\/|$)/.test(s))
        .map((s) => `${f}: ${s}`),
    );
    expect(reaching).toEqual([]);
  });

  it("has its generated clients imported by lib/platform/db alone", () => {
    const importers = [...libFiles, ...outside].filter(
      (f) => !f.startsWith(path.join("lib", "platform", "db")) && specifiers(f).some((s) => generated.test(s)),
    );
    expect(importers).toEqual([]);
  });
});

describe("process state", () => {
  it("is kept in lib/core/registry.ts alone: no other module touches globalThis", () => {
    const touching = [...libFiles, ...outside].filter(
      (f) => f !== path.join("lib", "core", "registry.ts") && /\bglobalThis\b/.test(readFileSync(path.join(ROOT, f), "utf8")),
    );
    expect(touching).toEqual([]);
  });

  it("reads environment variables through lib/core/env.ts alone", () => {
    // The logger reads its level before anything else can be parsed, and the database URL is read
    // by Prisma's config and scripts outside the app too. Writes (next-auth's NEXTAUTH_URL, which
    // `latchkey start` sets) and handing the environment to a child are not reads.
    const allowed = new Set([
      path.join("lib", "core", "env.ts"),
      path.join("lib", "core", "log.ts"),
      path.join("lib", "core", "database-url.mjs"),
    ]);
    const reads = /process\.env(\.\w+\b|\[[^\]]+\])(?!\s*\?{0,2}=[^=])/;
    const reading = [...libFiles, ...outside].filter((f) => !allowed.has(f) && reads.test(readFileSync(path.join(ROOT, f), "utf8")));
    expect(reading).toEqual([]);
  });
});
