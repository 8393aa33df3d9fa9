import { afterEach, describe, expect, it, vi } from "vitest";

async function freshEnv() {
  vi.resetModules();
  return (await import("./env")).env();
}

describe("env", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("accepts every log level the README documents, silent included", async () => {
    vi.stubEnv("LATCHKEY_LOG_LEVEL", "silent");
    expect((await freshEnv()).LATCHKEY_LOG_LEVEL).toBe("silent");
  });

  it("refuses a log level it does not know, naming the variable", async () => {
    vi.stubEnv("LATCHKEY_LOG_LEVEL", "verbose");
    await expect(freshEnv()).rejects.toThrow(/LATCHKEY_LOG_LEVEL/);
  });
});
