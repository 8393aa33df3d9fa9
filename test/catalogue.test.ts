import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./import-graph";

// The operation catalogue (lib/domain/catalogue.ts) is the one list of operations. Each entry must
// reach every adapter its bindings name, and no adapter may serve something the catalogue lacks:
// a /v1 route file per REST path, a server action per console action, a route file per console
// read, and an operation in the OpenAPI document per REST entry. The permission tests walk the
// same list (lib/http/actions/run-operation.test.ts, lib/http/api/rest-route.test.ts).

const { OPERATION_LIST } = await import("../lib/domain/catalogue");
const { openApiDocument } = await import("../lib/http/api/openapi");

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const routeFileOf = (dir: string, template: string) =>
  path.join(
    dir,
    ...template
      .split("/")
      .filter(Boolean)
      .map((segment) => segment.replace(/^\{(.+)\}$/, "[$1]")),
    "route.ts",
  );

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((entry) => {
    const relative = path.join(dir, entry);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return filesNamed(relative, name);
    return entry === name ? [relative] : [];
  });
}

const REST = OPERATION_LIST.filter((entry) => entry.rest);
const ACTIONS = OPERATION_LIST.filter((entry) => entry.console?.action);
const READS = OPERATION_LIST.filter((entry) => entry.console?.route);
// The routes the catalogue does not serve, each for its reason.
const SERVED_ELSEWHERE = new Set([
  path.join("app", "v1", "api-keys", "verify", "route.ts"), // the verify runtime's (lib/http/api/verifier.ts)
  path.join("app", "v1", "openapi.json", "route.ts"), // this document
  path.join("app", "v1", "leaks", "route.ts"), // public: no app key (lib/http/api/leaks-route.ts)
  path.join("app", "v1", "[...path]", "route.ts"), // no such endpoint: 404 in the error shape
]);

describe("the operation catalogue", () => {
  it("names every REST path and method once, and every console action once", () => {
    const routes = REST.map((entry) => `${entry.rest!.method} ${entry.rest!.path}`);
    expect(new Set(routes).size).toBe(routes.length);
    const actions = ACTIONS.map((entry) => entry.console!.action);
    expect(new Set(actions).size).toBe(actions.length);
    // Every entry is served somewhere.
    expect(OPERATION_LIST.filter((entry) => !entry.rest && !entry.console).map((entry) => entry.name)).toEqual([]);
  });

  it("gives every team and app operation of the console a permission", () => {
    const missing = OPERATION_LIST.filter((entry) => entry.console && entry.tenant !== "user" && !entry.console.permission);
    expect(missing.map((entry) => entry.name)).toEqual([]);
  });

  it("has a /v1 route file for each REST path, made by restRoute for that path", () => {
    for (const rest of new Set(REST.map((entry) => entry.rest!.path))) {
      const file = routeFileOf(path.join("app"), rest);
      expect(existsSync(path.join(ROOT, file)), file).toBe(true);
      expect(read(file), file).toContain(`restRoute("${rest}")`);
    }
  });

  it("serves no /v1 route outside the catalogue", () => {
    const paths = new Set(REST.map((entry) => entry.rest!.path));
    for (const file of filesNamed(path.join("app", "v1"), "route.ts")) {
      if (SERVED_ELSEWHERE.has(file)) continue;
      const served = /restRoute\("([^"]+)"\)/.exec(read(file))?.[1];
      expect(served && paths.has(served as never) && routeFileOf("app", served) === file, file).toBe(true);
    }
  });

  it("has a server action for each console action, running that entry", () => {
    const actionFiles = filesNamed("app", "actions.ts").map((file) => read(file));
    for (const entry of ACTIONS) {
      const declaration = new RegExp(
        `export async function ${entry.console!.action}Action\\([^)]*ActionInput<"${entry.name}">\\)[^{]*\\{\\s*return consoleAction\\([^,]+, "${entry.name}", input\\);`,
      );
      expect(actionFiles.filter((source) => declaration.test(source)).length, entry.name).toBe(1);
    }
    // …and no console mutation outside it: every action file's exports are catalogue entries.
    const declared = actionFiles.flatMap((source) => [...source.matchAll(/export async function (\w+)Action\(/g)].map((m) => m[1]));
    const known = new Set(ACTIONS.map((entry) => entry.console!.action));
    // Sign-out belongs to the session, not to a tenant's resources (app/(auth)/actions.ts).
    expect(declared.filter((name) => !known.has(name!) && name !== "signOutEverywhere")).toEqual([]);
  });

  it("has a console route file for each console read, made by consoleRoute for that path", () => {
    for (const entry of READS) {
      const route = entry.console!.route!.path;
      const file = routeFileOf(path.join("app", "(console)"), route);
      expect(existsSync(path.join(ROOT, file)), file).toBe(true);
      expect(read(file), file).toContain(`consoleRoute("${route}")`);
    }
  });

  it("documents each REST entry in the OpenAPI document, under its name, with its path parameters", () => {
    const doc = openApiDocument() as {
      paths: Record<string, Record<string, { operationId?: string }> & { parameters?: { name: string }[] }>;
    };
    for (const entry of REST) {
      const item = doc.paths[entry.rest!.path]!;
      expect(item?.[entry.rest!.method.toLowerCase()]?.operationId, entry.name).toBe(entry.name);
      const params = [...entry.rest!.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect((item.parameters ?? []).map((p) => p.name)).toEqual(params);
      expect((item.parameters ?? []).every((p) => (p as { description?: string }).description)).toBe(true);
    }
    const documented = Object.values(doc.paths).flatMap((item) => Object.keys(item).filter((key) => key !== "parameters"));
    expect(documented.length).toBe(REST.length + 3); // and verify and the change stream, the front thread's, and the public leak report
  });
});
