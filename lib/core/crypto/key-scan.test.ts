import { describe, expect, it } from "vitest";
import { findKeys, redact } from "./key-scan";
import { generateKey } from "./key-secret";

describe("findKeys", () => {
  it("finds checksummed keys with their line and column, and ignores look-alikes", () => {
    const live = generateKey("live").plaintext;
    const app = generateKey("app").plaintext;
    const last = live.at(-1)!;
    const forged = `${live.slice(0, -1)}${last === "A" ? "B" : "A"}`;
    const text = `first line\nconst key = "${live}";\n${forged}\n=${app}\nx${live}\n  ${live}x\n`;
    const found = findKeys(text);
    expect(found.map((f) => [f.line, f.column, f.prefix])).toEqual([
      [2, 14, live.slice(0, 16)],
      [4, 2, app.slice(0, 15)],
    ]);
    expect(redact(found[0]!)).toBe(`${live.slice(0, 16)}…`);
    expect(redact(found[0]!)).not.toContain(live.slice(16));
  });
});
