import { afterEach, describe, expect, it, vi } from "vitest";
import { processSlot } from "../../core/registry";

// The scheduler starts once per process under `next dev` (instrumentation.ts), however often
// the dev server evaluates the modules again, and never from the hook in production, where
// `latchkey start` starts it.

const started = vi.hoisted(() => ({ count: 0 }));
vi.mock(import("./loop"), () => ({
  startScheduler: () => {
    started.count++;
    return { workerId: `test:${started.count}`, stop: async () => ({ finished: true, abandoned: 0 }) };
  },
}));

const saved = {
  NODE_ENV: process.env.NODE_ENV,
  NEXT_RUNTIME: process.env.NEXT_RUNTIME,
  LATCHKEY_SCHEDULER: process.env.LATCHKEY_SCHEDULER,
};

/** instrumentation.ts as a fresh module graph, as a dev server's reload evaluates it. */
async function freshRegister(environment: Record<string, string | undefined>) {
  Object.assign(process.env, environment);
  vi.resetModules();
  return (await import("../../../instrumentation")).register;
}

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  processSlot("scheduler").set(undefined);
  started.count = 0;
});

describe("the in-process scheduler", () => {
  it("starts under next dev, once, across module reloads (HMR)", async () => {
    const dev = { NODE_ENV: "development", NEXT_RUNTIME: "nodejs", LATCHKEY_SCHEDULER: "on" };
    await (
      await freshRegister(dev)
    )();
    await (
      await freshRegister(dev)
    )();
    await (
      await freshRegister(dev)
    )();
    expect(started.count).toBe(1);
    // latchkey start's own call in the same process gets the running loop, not a second one.
    const { startInProcessScheduler } = await import("./in-process");
    expect(startInProcessScheduler()?.workerId).toBe("test:1");
    expect(started.count).toBe(1);
  });

  it("is not started by the hook in production or in the edge runtime, nor when switched off", async () => {
    await (
      await freshRegister({ NODE_ENV: "production", NEXT_RUNTIME: "nodejs", LATCHKEY_SCHEDULER: "on" })
    )();
    await (
      await freshRegister({ NODE_ENV: "development", NEXT_RUNTIME: "edge", LATCHKEY_SCHEDULER: "on" })
    )();
    await (
      await freshRegister({ NODE_ENV: "development", NEXT_RUNTIME: "nodejs", LATCHKEY_SCHEDULER: "off" })
    )();
    expect(started.count).toBe(0);
  });
});
