import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestSqliteDatabase } from "../../../test/helpers/test-db";
import { startRedis, type TestRedis } from "../../../test/helpers/redis";

// The Redis store on a real redis-server, as two instances would use it: two stores (two
// connections, two processes' worth of state) on one Redis and one database.
createTestSqliteDatabase();

const { db, disconnectDb } = await import("../db");
const { RedisStore } = await import("./redis");
const { log } = await import("../../core/log");
import type { LimitCheck } from "../../core/limits";

let redis: TestRedis;
let a: InstanceType<typeof RedisStore>;
let b: InstanceType<typeof RedisStore>;

beforeAll(async () => {
  redis = await startRedis();
  a = new RedisStore(redis.url);
  b = new RedisStore(redis.url);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await redis?.stop();
  await disconnectDb();
});

async function counter(id: string, remaining: number, refill?: { amount: number; interval: string; refilledAt: Date }) {
  await db().keyCounter.create({
    data: {
      id,
      appId: "app_1",
      projectId: "prj_1",
      remaining,
      base: remaining,
      refillAmount: refill?.amount ?? null,
      refillInterval: refill?.interval ?? null,
      refilledAt: refill?.refilledAt ?? new Date(),
    },
  });
}

const check = (counterId: string, extra: Partial<LimitCheck> = {}): LimitCheck => ({
  counterId,
  rateLimits: [],
  credits: true,
  cost: 1,
  now: Date.now(),
  ...extra,
});

describe("RedisStore", () => {
  it("200 concurrent verifications over two instances of a key with 50 credits give exactly 50", async () => {
    await counter("ctr_fifty", 50);
    const verdicts = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).check(check("ctr_fifty", { now: Date.now() }))),
    );
    expect(verdicts.filter((v) => v.code === "VALID")).toHaveLength(50);
    expect(verdicts.filter((v) => v.code === "USAGE_EXCEEDED")).toHaveLength(150);
    expect(new Set(verdicts.filter((v) => v.code === "VALID").map((v) => v.credits_remaining)).size).toBe(50);
    // Written back to the database within a second or two.
    await expect
      .poll(async () => (await db().keyCounter.findUniqueOrThrow({ where: { id: "ctr_fifty" } })).remaining, { timeout: 5_000 })
      .toBe(0);
  });

  it("a limit of 10 per second holds across both instances: never more than 10 in a second-aligned window", async () => {
    const limit = { name: "per_second", limit: 10, window_seconds: 1 };
    const allowed: number[] = [];
    const start = Date.now();
    let i = 0;
    while (Date.now() - start < 3_200) {
      const now = Date.now();
      const [x, y] = await Promise.all([
        a.check(check("ctr_rate", { credits: false, rateLimits: [limit], now })),
        b.check(check("ctr_rate", { credits: false, rateLimits: [limit], now })),
      ]);
      for (const v of [x, y]) if (v.code === "VALID") allowed.push(now);
      i++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const perWindow = new Map<number, number>();
    for (const at of allowed) perWindow.set(Math.floor(at / 1000), (perWindow.get(Math.floor(at / 1000)) ?? 0) + 1);
    expect(i).toBeGreaterThan(50);
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(10);
    // And the limit is not refused wholesale: the weighting lets through part of each new window.
    expect(allowed.length).toBeGreaterThanOrEqual(15);
    // The run spans 4 or 5 aligned windows: it gets each one's 10 or less, and more than one window's worth.
    expect(allowed.length).toBeLessThanOrEqual(10 * perWindow.size);
  });

  it("refuses with nothing taken: a rate limit that refuses leaves the credits, and credits that refuse leave the windows", async () => {
    await counter("ctr_both", 2);
    const limits = [{ name: "hour", limit: 3, window_seconds: 3600 }];
    const run = () => a.check(check("ctr_both", { rateLimits: limits }));
    expect((await run()).code).toBe("VALID");
    expect((await run()).code).toBe("VALID");
    const exceeded = await run();
    expect(exceeded).toMatchObject({ code: "USAGE_EXCEEDED", credits_remaining: 0 });
    expect(exceeded.rate_limits[0]!.remaining).toBe(1);
    await a.adjust("ctr_both", "increment", 5);
    expect(await run()).toMatchObject({ code: "VALID", credits_remaining: 4 });
    expect(await run()).toMatchObject({ code: "RATE_LIMITED", credits_remaining: 4 });
  });

  it("refills once when a period began, whichever instance sees it first", async () => {
    await counter("ctr_refill", 0, { amount: 7, interval: "daily", refilledAt: new Date(Date.now() - 2 * 86_400_000) });
    const verdicts = await Promise.all([a.check(check("ctr_refill")), b.check(check("ctr_refill")), a.check(check("ctr_refill"))]);
    expect(verdicts.map((v) => v.credits_remaining).sort()).toEqual([4, 5, 6]);
  });

  it("while Redis is down, rate limits fail open and credits fail closed (503), logged once; afterwards it counts again", async () => {
    await counter("ctr_outage", 10);
    expect((await a.check(check("ctr_outage"))).credits_remaining).toBe(9);
    await expect
      .poll(async () => (await db().keyCounter.findUniqueOrThrow({ where: { id: "ctr_outage" } })).remaining, { timeout: 5_000 })
      .toBe(9);
    const errors = vi.spyOn(log, "error");
    await redis.stop();
    const limited = check("ctr_outage", { credits: false, rateLimits: [{ name: "tight", limit: 1, window_seconds: 60 }] });
    for (let i = 0; i < 3; i++) expect((await a.check({ ...limited, now: Date.now() })).code).toBe("VALID");
    await expect(a.check(check("ctr_outage"))).rejects.toMatchObject({ code: "service_unavailable" });
    await expect(a.check(check("ctr_outage"))).rejects.toMatchObject({ code: "service_unavailable" });
    expect(errors.mock.calls.filter(([, message]) => String(message).includes("Redis cannot be reached"))).toHaveLength(1);
    errors.mockRestore();

    // Back, and empty (no persistence): the balance is read again from what was written back.
    await redis.start();
    await expect.poll(async () => (await a.check(check("ctr_outage")).catch(() => null))?.credits_remaining, { timeout: 10_000 }).toBe(8);
    expect((await a.check({ ...limited, now: Date.now() })).code).toBe("VALID");
    expect((await a.check({ ...limited, now: Date.now() })).code).toBe("RATE_LIMITED");
  });
});
