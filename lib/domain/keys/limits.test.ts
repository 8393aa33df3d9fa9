import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/test-db";

// Rate limits and credits through the verify runtime, on SQLite (the in-memory store) and on
// PostgreSQL (the database's conditional update: scripts/test.mjs runs this file there too).
await createTestDatabase();

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb } = await import("../../platform/db");
const { createApiKey, getApiKey, updateApiKey } = await import("./service");
const { rotateApiKey } = await import("./rotate");
const { changeCredits, raiseCreditAlerts, refillDueCredits } = await import("./credits");
const { toApiKeyJson } = await import("./serialize");
const { limitStore } = await import("../../platform/limits/store");
const { processVerifier } = await import("../../http/api/process-verifier");
const { env } = await import("../../core/env");
import type { AppScope } from "../../core/scope";

let scope: AppScope & { projectId: string };

beforeAll(async () => {
  const boot = await bootstrap({ team: "Limits", app: "Limits app", project: "Limits project" });
  scope = {
    teamId: boot.team_id,
    appId: boot.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: null, userAgent: null },
    projectId: boot.project_id,
  };
});
afterAll(async () => {
  await limitStore().close();
  await disconnectDb();
});

const verify = (key: string, extra: { cost?: number; scopes?: string[] } = {}) =>
  Promise.resolve(processVerifier().verify(scope, { key, ...extra }));

describe("credits", () => {
  it("uses the store the deployment calls for", () => {
    expect(limitStore().kind).toBe(env().DATABASE_PROVIDER === "postgresql" ? "database" : "memory");
  });

  it("200 concurrent verifications of a key with 50 credits give exactly 50 VALID, and the rest USAGE_EXCEEDED", async () => {
    const { plaintext, row } = await createApiKey(scope, { project_id: scope.projectId, name: "fifty", credits: { remaining: 50 } });
    expect(toApiKeyJson(row).credits).toEqual({ remaining: 50, refill: null, next_refill_at: null });
    const results = await Promise.all(Array.from({ length: 200 }, () => verify(plaintext)));
    const codes = results.map((r) => r.code);
    expect(codes.filter((c) => c === "VALID")).toHaveLength(50);
    expect(codes.filter((c) => c === "USAGE_EXCEEDED")).toHaveLength(150);
    const remaining = results
      .filter((r) => r.valid)
      .map((r) => r.credits_remaining)
      .sort((a, b) => a! - b!);
    expect(remaining).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(results.find((r) => !r.valid)).toMatchObject({ valid: false, code: "USAGE_EXCEEDED", credits_remaining: 0, key_id: row.id });
    // Written to the database (at once, or by the store's write-back within a second).
    await expect
      .poll(async () => (await db().keyCounter.findUniqueOrThrow({ where: { id: row.id } })).remaining, { timeout: 3_000 })
      .toBe(0);
  });

  it("a busy key with a large balance is spent exactly, whatever the store takes ahead, and what is left reaches the database", async () => {
    const { plaintext, row } = await createApiKey(scope, { project_id: scope.projectId, name: "busy", credits: { remaining: 100_000 } });
    let valid = 0;
    for (let batch = 0; batch < 10; batch++)
      valid += (await Promise.all(Array.from({ length: 50 }, () => verify(plaintext)))).filter((r) => r.code === "VALID").length;
    expect(valid).toBe(500);
    // The database store takes credits ahead (a lease); the memory store writes back: either way
    // the balance in the database is exact once the store has settled.
    await limitStore().drain();
    expect((await db().keyCounter.findUniqueOrThrow({ where: { id: row.id } })).remaining).toBe(99_500);
    const spent = await verify(plaintext, { cost: 1000 });
    expect(spent).toMatchObject({ code: "VALID" });
    expect(spent.credits_remaining).toBeLessThanOrEqual(98_500);
  });

  it("takes the cost asked for; a cost of 0 checks without taking; a refused verification takes nothing", async () => {
    const { plaintext } = await createApiKey(scope, { project_id: scope.projectId, name: "costly", credits: { remaining: 10 } });
    expect(await verify(plaintext, { cost: 4 })).toMatchObject({ code: "VALID", credits_remaining: 6 });
    expect(await verify(plaintext, { cost: 7 })).toMatchObject({ code: "USAGE_EXCEEDED", credits_remaining: 6 });
    expect(await verify(plaintext, { cost: 0 })).toMatchObject({ code: "VALID", credits_remaining: 6 });
    expect(await verify(plaintext, { cost: 6 })).toMatchObject({ code: "VALID", credits_remaining: 0 });
    // A scope refusal comes first, and takes nothing either.
    expect(await verify(plaintext, { cost: 0, scopes: ["admin"] })).toMatchObject({ code: "INSUFFICIENT_SCOPES", credits_remaining: null });
  });

  it("POST …/credits sets, adds and takes (not below 0), with an audit row; the answer is the key", async () => {
    const { plaintext, row } = await createApiKey(scope, { project_id: scope.projectId, name: "topped", credits: { remaining: 2 } });
    await verify(plaintext);
    expect(toApiKeyJson(await changeCredits(scope, row.id, { op: "increment", amount: 10 })).credits?.remaining).toBe(11);
    expect(await verify(plaintext)).toMatchObject({ code: "VALID", credits_remaining: 10 });
    expect(toApiKeyJson(await changeCredits(scope, row.id, { op: "decrement", amount: 25 })).credits?.remaining).toBe(0);
    expect((await verify(plaintext)).code).toBe("USAGE_EXCEEDED");
    expect(toApiKeyJson(await changeCredits(scope, row.id, { op: "set", amount: 3 })).credits?.remaining).toBe(3);
    expect((await verify(plaintext)).code).toBe("VALID");
    const audit = await db().auditEvent.findMany({ where: { targetId: row.id, action: "api_key.credits_changed" } });
    expect(audit.map((a) => JSON.parse(a.metadata).op).sort()).toEqual(["decrement", "increment", "set"]);
    const plain = await createApiKey(scope, { project_id: scope.projectId, name: "unlimited" });
    await expect(changeCredits(scope, plain.row.id, { op: "set", amount: 1 })).rejects.toMatchObject({ code: "conflict" });
  });

  it("a top-up during a burst of verifications loses none of either", async () => {
    const { plaintext, row } = await createApiKey(scope, {
      project_id: scope.projectId,
      name: "burst top-up",
      credits: { remaining: 100 },
    });
    const [results] = await Promise.all([
      Promise.all(Array.from({ length: 60 }, () => verify(plaintext))),
      changeCredits(scope, row.id, { op: "increment", amount: 50 }),
    ]);
    expect(results.filter((r) => r.code === "VALID")).toHaveLength(60);
    await limitStore().drain();
    expect((await db().keyCounter.findUniqueOrThrow({ where: { id: row.id } })).remaining).toBe(90);
  });

  it("PATCH replaces the credits (or removes them: unlimited), and verification follows at once", async () => {
    const { plaintext, row } = await createApiKey(scope, { project_id: scope.projectId, name: "patched", credits: { remaining: 1 } });
    expect((await verify(plaintext)).code).toBe("VALID");
    expect((await verify(plaintext)).code).toBe("USAGE_EXCEEDED");
    await updateApiKey(scope, row.id, { credits: { remaining: 5, refill: { amount: 100, interval: "daily" } } });
    expect(await verify(plaintext)).toMatchObject({ code: "VALID", credits_remaining: 4 });
    const json = toApiKeyJson(await getApiKey(scope, row.id));
    expect(json.credits).toMatchObject({
      refill: { amount: 100, interval: "daily" },
      next_refill_at: expect.stringMatching(/T00:00:00.000Z$/),
    });
    await updateApiKey(scope, row.id, { credits: null });
    expect(await verify(plaintext)).toMatchObject({ code: "VALID", credits_remaining: null });
    expect(toApiKeyJson(await getApiKey(scope, row.id)).credits).toBeNull();
  });

  it("a rotated key shares its predecessor's credits and rate limits", async () => {
    const { plaintext, row } = await createApiKey(scope, {
      project_id: scope.projectId,
      name: "rotating",
      credits: { remaining: 3 },
      rate_limits: [{ name: "burst", limit: 100, window_seconds: 60 }],
    });
    expect((await verify(plaintext)).credits_remaining).toBe(2);
    const rotated = await rotateApiKey(scope, row.id, { grace_period_seconds: 600 });
    expect(await verify(rotated.plaintext)).toMatchObject({ code: "VALID", credits_remaining: 1 });
    const afterBoth = await verify(plaintext);
    expect(afterBoth).toMatchObject({ code: "VALID", credits_remaining: 0 });
    expect(afterBoth.rate_limits[0]).toMatchObject({ name: "burst", remaining: 97 });
    expect(toApiKeyJson(await getApiKey(scope, rotated.created.id)).rate_limits).toEqual([
      { name: "burst", limit: 100, window_seconds: 60 },
    ]);
  });

  it("a refill due is done once however many schedulers run it", async () => {
    const { row } = await createApiKey(scope, {
      project_id: scope.projectId,
      name: "refilled",
      credits: { remaining: 0, refill: { amount: 40, interval: "daily" } },
    });
    await db().keyCounter.update({ where: { id: row.id }, data: { refilledAt: new Date(Date.now() - 2 * 86_400_000) } });
    const counts = await Promise.all([refillDueCredits(new Date()), refillDueCredits(new Date())]);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const refills = await db().keyCounter.findUniqueOrThrow({ where: { id: row.id } });
    expect(refills.remaining).toBe(40);
    // A second pass in the same period finds nothing due.
    expect(await refillDueCredits(new Date())).toBe(0);
  });

  it("raises api_key.credits_low once per threshold below 20 % and 5 % of the starting balance", async () => {
    const { createWebhookEndpoint } = await import("../webhooks/endpoints");
    await createWebhookEndpoint(scope, scope.projectId, { url: "https://hooks.example.com/low", events: ["api_key.credits_low"] });
    const { plaintext, row } = await createApiKey(scope, { project_id: scope.projectId, name: "draining", credits: { remaining: 100 } });
    await verify(plaintext, { cost: 85 });
    await raiseCreditAlerts();
    await verify(plaintext, { cost: 1 });
    await raiseCreditAlerts();
    await verify(plaintext, { cost: 12 });
    await raiseCreditAlerts();
    await raiseCreditAlerts();
    const messages = await db().webhookMessage.findMany({ where: { keyId: row.id, eventType: "api_key.credits_low" } });
    expect(messages.map((m) => JSON.parse(m.payload).data.threshold_percent).sort()).toEqual([20, 5]);
  });
});

describe("rate limits", () => {
  it("refuse beyond the limit with RATE_LIMITED, taking nothing from any limit or the credits", async () => {
    const { plaintext } = await createApiKey(scope, {
      project_id: scope.projectId,
      name: "limited",
      credits: { remaining: 1000 },
      rate_limits: [
        { name: "second", limit: 1000, window_seconds: 3600 },
        { name: "hour", limit: 3, window_seconds: 3600 },
      ],
    });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await verify(plaintext));
    expect(results.map((r) => r.code)).toEqual(["VALID", "VALID", "VALID", "RATE_LIMITED", "RATE_LIMITED"]);
    const last = results.at(-1)!;
    expect(last.valid).toBe(false);
    expect(last.rate_limits).toEqual([
      { name: "second", limit: 1000, remaining: 997, reset_at: expect.any(String) },
      { name: "hour", limit: 3, remaining: 0, reset_at: expect.any(String) },
    ]);
    expect(last.credits_remaining).toBe(997);
  });

  it("refuse bad definitions, naming the field", async () => {
    const { createApiKeySchema } = await import("./schemas");
    const bad = (rate_limits: unknown) => createApiKeySchema.safeParse({ project_id: "p", name: "n", rate_limits }).error?.issues[0];
    expect(bad([{ name: "a", limit: 0, window_seconds: 1 }])).toMatchObject({ path: ["rate_limits", 0, "limit"] });
    expect(bad([{ name: "a", limit: 1, window_seconds: 86_401 }])).toMatchObject({ path: ["rate_limits", 0, "window_seconds"] });
    expect(bad(Array.from({ length: 6 }, (_, i) => ({ name: `l${i}`, limit: 1, window_seconds: 1 })))).toMatchObject({
      path: ["rate_limits"],
    });
    expect(
      bad([
        { name: "a", limit: 1, window_seconds: 1 },
        { name: "a", limit: 2, window_seconds: 2 },
      ])?.message,
    ).toMatch(/own name/);
    const credits = (value: unknown) => createApiKeySchema.safeParse({ project_id: "p", name: "n", credits: value }).error?.issues[0];
    expect(credits({ remaining: -1 })).toMatchObject({ path: ["credits", "remaining"] });
    expect(credits({ remaining: 1, refill: { amount: 5, interval: "weekly" } })).toMatchObject({ path: ["credits", "refill", "interval"] });
  });
});
