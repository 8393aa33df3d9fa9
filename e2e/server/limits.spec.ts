import { startRedis, type TestRedis } from "../../test/helpers/redis";
import { bootstrapTenant, expect, test } from "../fixtures";
import { type RunningServer, startServer } from "./spawn-server";

// Rate limits and credits on two production servers sharing one PostgreSQL: with Redis, both
// are exact across the instances; without it, credits still are (the database's conditional
// update) and each instance says at start that its rate limits are its own.
const postgresUrl = process.env.LATCHKEY_TEST_POSTGRES_URL;

async function call(server: RunningServer, key: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: response.status === 204 ? null : await response.json() };
}

/** 200 verifications at once, spread over both servers, of a new key with 50 credits. */
async function spendFifty(servers: RunningServer[], label: string) {
  const tenant = bootstrapTenant(postgresUrl!, label);
  const { body: created } = await call(servers[0]!, tenant.api_key, "POST", "/v1/api-keys", {
    project_id: tenant.project_id,
    name: "metered",
    credits: { remaining: 50 },
  });
  expect(created.credits).toMatchObject({ remaining: 50, refill: null });
  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, i) => call(servers[i % 2]!, tenant.api_key, "POST", "/v1/api-keys/verify", { key: created.key })),
  );
  expect(answers.every((a) => a.status === 200)).toBe(true);
  // Every answer for a key with credits tells an in-process cache not to keep it.
  expect(answers.every((a) => a.headers.get("latchkey-cache") === "no-store")).toBe(true);
  const codes = answers.map((a) => a.body.code);
  expect(codes.filter((c) => c === "VALID")).toHaveLength(50);
  expect(codes.filter((c) => c === "USAGE_EXCEEDED")).toHaveLength(150);
  return { tenant, created };
}

test.describe("rate limits and credits on two instances", () => {
  test.beforeAll(() => {
    if (!postgresUrl) throw new Error("LATCHKEY_TEST_POSTGRES_URL is not set: run the suite through npm test");
  });

  test.describe("with Redis", () => {
    let redis: TestRedis;
    let servers: RunningServer[];
    test.beforeAll(async () => {
      test.setTimeout(180_000);
      redis = await startRedis();
      servers = await Promise.all([0, 1].map(() => startServer(postgresUrl!, { REDIS_URL: redis.url })));
    });
    test.afterAll(async () => {
      await Promise.all((servers ?? []).map((s) => s.stop()));
      await redis?.stop();
    });

    test("200 concurrent verifications over both instances of a key with 50 credits give exactly 50 VALID", async () => {
      test.setTimeout(120_000);
      const { tenant, created } = await spendFifty(servers, "Redis credits");
      // Topped up through the other instance, the key verifies again on the first.
      const topped = await call(servers[1]!, tenant.api_key, "POST", `/v1/api-keys/${created.id}/credits`, { op: "increment", amount: 2 });
      expect(topped.status).toBe(200);
      expect(topped.body.credits.remaining).toBe(2);
      expect((await call(servers[0]!, tenant.api_key, "POST", "/v1/api-keys/verify", { key: created.key })).body).toMatchObject({
        code: "VALID",
        credits_remaining: 1,
      });
      // The usage counts land within a second or two.
      await expect
        .poll(async () => (await call(servers[0]!, tenant.api_key, "GET", `/v1/api-keys/${created.id}/usage`)).body.totals, {
          timeout: 10_000,
        })
        .toMatchObject({ valid: 51, usage_exceeded: 150 });
      expect(servers[0]!.log()).toContain("counted in Redis");
    });

    test("a limit of 10 per second holds across both instances", async () => {
      test.setTimeout(60_000);
      const tenant = bootstrapTenant(postgresUrl!, "Redis rate");
      const { body: created } = await call(servers[0]!, tenant.api_key, "POST", "/v1/api-keys", {
        project_id: tenant.project_id,
        name: "limited",
        rate_limits: [{ name: "per_second", limit: 10, window_seconds: 1 }],
      });
      const allowed: number[] = [];
      const refused: unknown[] = [];
      const start = Date.now();
      while (Date.now() - start < 3_000) {
        const sentAt = Date.now();
        const answers = await Promise.all(
          [0, 1, 0, 1].map((i) => call(servers[i]!, tenant.api_key, "POST", "/v1/api-keys/verify", { key: created.key })),
        );
        for (const a of answers)
          if (a.body.code === "VALID") allowed.push(sentAt);
          else refused.push(a.body);
      }
      expect(refused[0]).toMatchObject({
        valid: false,
        code: "RATE_LIMITED",
        rate_limits: [{ name: "per_second", limit: 10, remaining: 0 }],
      });
      // At most 10 a second, counted in whole seconds: the requests of a window are sent within
      // it, give or take their time in flight (a few ms), which the margin of 1 covers.
      const perSecond = new Map<number, number>();
      for (const at of allowed) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
      expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(11);
      expect(allowed.length).toBeLessThanOrEqual(11 * perSecond.size);
      expect(allowed.length).toBeGreaterThanOrEqual(15);
    });
  });

  test("without Redis, credits stay exact through the database, and each instance says its rate limits are its own", async () => {
    test.setTimeout(180_000);
    const servers = await Promise.all([0, 1].map(() => startServer(postgresUrl!)));
    try {
      await spendFifty(servers, "Database credits");
      for (const server of servers) expect(server.log()).toContain("rate limits are per instance");
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
});
