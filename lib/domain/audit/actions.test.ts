import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LIST, AUDIT_ACTIONS } from "./actions";

// recordAudit's type already refuses an action missing from the list; this checks the other way:
// the filter offers no action that nothing records.
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && entry.name !== "actions.ts" ? [readFileSync(full, "utf8")] : [];
  });
}

describe("AUDIT_ACTIONS", () => {
  it("lists only actions that some code records", () => {
    const code = sources(path.resolve(import.meta.dirname, "../..")).join("\n");
    const unused = Object.keys(AUDIT_ACTIONS).filter((action) => !code.includes(`"${action}"`));
    expect(unused).toEqual([]);
  });

  it("gives each action a label for people, once", () => {
    expect(new Set(AUDIT_ACTION_LIST.map((a) => a.label)).size).toBe(AUDIT_ACTION_LIST.length);
    for (const { value, label } of AUDIT_ACTION_LIST) expect(label, value).toMatch(/^[A-Z][^.]+$/);
  });
});
