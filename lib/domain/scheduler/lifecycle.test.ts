import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppScope } from "../../core/scope";
import { runWorkersTogether } from "../../../test/helpers/spawn-worker";
import { createTestDatabase } from "../../../test/helpers/test-db";
import { startReceiver } from "../../../test/helpers/webhook-receiver";

// A key's lifecycle events at a project's webhook endpoint, each checked with the standardwebhooks
// verifier: the stale-key policy run by two workers at once (each warning and each disabling
// exactly once), a leak report, and the events of the key service. On SQLite, and on PostgreSQL
// when scripts/test.mjs runs this folder with LATCHKEY_TEST_POSTGRES_URL.

const DAY = 86_400_000;

const databaseUrl = await createTestDatabase();
process.env.LATCHKEY_SECRET = "lifecycle-test-server-secret";

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb } = await import("../../platform/db");
const { createApiKey, updateApiKey, revokeApiKey } = await import("../keys/service");
const { rotateApiKey } = await import("../keys/rotate");
const { reportLeaks } = await import("../keys/leaks");
const { updateKeyPolicy } = await import("../projects/key-policy");
const { createWebhookEndpoint } = await import("../webhooks/endpoints");
const { ENDPOINT_EVENT_TYPES } = await import("../webhooks/endpoint-schemas");
const { rotateWebhookSigningSecret } = await import("../webhooks/signing-secret");
const { runSchedulerPass } = await import("./run-pass");
const { processVerifier } = await import("../../http/api/process-verifier");
const verify = (key: string) => processVerifier().verify(scope, { key });

const receiver = await startReceiver();
let scope: AppScope & { projectId: string };
const t0 = Date.now();
const at = (ms: number) => new Date(t0 + ms);

beforeAll(async () => {
  const result = await bootstrap({ team: "Lifecycle", app: "Lifecycle app", project: "Lifecycle project" });
  scope = {
    teamId: result.team_id,
    appId: result.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: null, userAgent: null },
    projectId: result.project_id,
  };
  receiver.secrets.push((await rotateWebhookSigningSecret(scope, scope.projectId)).secret);
  await createWebhookEndpoint(scope, scope.projectId, { url: receiver.url("/all"), events: [...ENDPOINT_EVENT_TYPES] });
  await createWebhookEndpoint(scope, scope.projectId, { url: receiver.url("/revoked-only"), events: ["api_key.revoked"] });
});
afterAll(async () => {
  receiver.close();
  await disconnectDb();
});

const deliver = (now = new Date()) => runSchedulerPass({ now, workerId: "test-worker", random: () => 0.5 });
const eventsFor = (keyId: string, path = "/all") => receiver.on(path).filter((r) => r.data.key_id === keyId || r.data.old_key_id === keyId);

describe("a project's webhook endpoints", () => {
  it("receive each lifecycle event they subscribe to, signed, and never a secret", async () => {
    const { row, plaintext } = await createApiKey(scope, { project_id: scope.projectId, name: "evented", owner_id: "cus_1" });
    await updateApiKey(scope, row.id, { enabled: false });
    await updateApiKey(scope, row.id, { enabled: true });
    const rotated = await rotateApiKey(scope, row.id, { grace_period_seconds: 60 });
    await revokeApiKey(scope, rotated.created.id);
    await deliver();

    // Messages are delivered concurrently, so they may arrive in any order: each exactly once.
    const types = eventsFor(row.id).map((r) => r.type);
    expect(types.sort()).toEqual(["api_key.created", "api_key.disabled", "api_key.enabled", "api_key.rotated"]);
    // The rotation's new key is announced by api_key.rotated (new_key_id), not as a created key.
    expect(eventsFor(rotated.created.id).map((r) => r.type)).toEqual(["api_key.revoked"]);
    expect(eventsFor(row.id).find((r) => r.type === "api_key.rotated")!.data).toMatchObject({ new_key_id: rotated.created.id });
    expect(eventsFor(rotated.created.id, "/revoked-only").map((r) => r.type)).toEqual(["api_key.revoked"]);
    expect(receiver.received.every((r) => r.verifiedBy === 0)).toBe(true);
    // Neither key's plaintext, nor the new one of the rotation, goes to an endpoint.
    const bodies = receiver.received.map((r) => r.body).join("\n");
    expect(bodies).not.toContain(plaintext);
    expect(bodies).not.toContain(rotated.plaintext);
    const heard = (type: string) => eventsFor(row.id).find((r) => r.type === type)!.data;
    expect(heard("api_key.created")).toMatchObject({ key_id: row.id, owner_id: "cus_1", key_prefix: row.keyPrefix });
    expect(heard("api_key.disabled")).toMatchObject({ reason: "manual" });
  });

  it("hear of a leak, and the key is disabled (the default), revoked, or left as it is, by the project's on_leak", async () => {
    const leaked = await createApiKey(scope, { project_id: scope.projectId, name: "leaked" });
    const lookalike = `${leaked.plaintext.slice(0, -1)}${leaked.plaintext.endsWith("A") ? "B" : "A"}`;
    const request = { ipAddress: "198.51.100.9", userAgent: "scanner/1" };
    expect(
      await reportLeaks({ keys: [leaked.plaintext, lookalike, "not a key"], source_url: "https://example.com/paste" }, request),
    ).toEqual({
      received: 3,
    });
    expect((await verify(leaked.plaintext)).code).toBe("DISABLED");
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: leaked.row.id } });
    expect([row.enabled, row.disabledReason]).toEqual([false, "leaked"]);
    const audit = await db().auditEvent.findMany({ where: { targetId: leaked.row.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["api_key.created", "api_key.leaked", "api_key.disabled"]);
    expect(audit[1]).toMatchObject({ actorType: "system", actorId: "leak_report", ipAddress: "198.51.100.9" });

    await updateKeyPolicy(scope, scope.projectId, { on_leak: "revoke" });
    const revoked = await createApiKey(scope, { project_id: scope.projectId, name: "leaked and revoked" });
    await reportLeaks({ keys: [revoked.plaintext] }, request);
    expect((await verify(revoked.plaintext)).code).toBe("REVOKED");

    await updateKeyPolicy(scope, scope.projectId, { on_leak: "notify" });
    const noticed = await createApiKey(scope, { project_id: scope.projectId, name: "leaked, notified" });
    await reportLeaks({ keys: [noticed.plaintext] }, request);
    expect((await verify(noticed.plaintext)).code).toBe("VALID");
    await updateKeyPolicy(scope, scope.projectId, { on_leak: "disable" });

    await deliver();
    for (const key of [leaked, revoked, noticed]) {
      const leak = eventsFor(key.row.id).find((r) => r.type === "api_key.leaked");
      expect(leak?.data, key.row.name).toMatchObject({ source_url: key === leaked ? "https://example.com/paste" : null });
    }
    expect(eventsFor(leaked.row.id).map((r) => r.type)).toContain("api_key.disabled");
    expect(eventsFor(revoked.row.id).map((r) => r.type)).toContain("api_key.revoked");
  });
});

describe("expiry events at an endpoint", () => {
  it("api_key.expiring 7 and 1 days before, and api_key.expired once after, for a key with no webhook URL of its own", async () => {
    const { row } = await createApiKey(scope, { project_id: scope.projectId, name: "expiring", expires_at: at(10 * DAY) });
    await deliver(at(3 * DAY + 60_000));
    await deliver(at(9 * DAY + 60_000));
    await deliver(at(10 * DAY + 60_000));
    await deliver(at(10 * DAY + 120_000));
    const heard = eventsFor(row.id).filter((r) => r.type !== "api_key.created");
    expect(heard.map((r) => [r.type, r.data.days_before ?? null])).toEqual([
      ["api_key.expiring", 7],
      ["api_key.expiring", 1],
      ["api_key.expired", null],
    ]);
    expect(heard.every((r) => r.verifiedBy === 0)).toBe(true);
    expect(heard[2]!.data).toMatchObject({ key_id: row.id, expires_at: at(10 * DAY).toISOString() });
    // Long expired keys are not announced to an endpoint added later.
    const old = await createApiKey(scope, { project_id: scope.projectId, name: "long gone", expires_at: at(1 * DAY) });
    const report = await runSchedulerPass({ now: at(5 * DAY), dryRun: true });
    expect(report.notices.filter((n) => n.key_id === old.row.id && n.type === "api_key.expired")).toEqual([]);
  });
});

describe("the stale-key policy", () => {
  it("warns 7 days before, then disables a key unused for N days, each exactly once with two workers", async () => {
    const idle = await createApiKey(scope, { project_id: scope.projectId, name: "idle" });
    const busy = await createApiKey(scope, { project_id: scope.projectId, name: "busy" });
    await updateKeyPolicy(scope, scope.projectId, { disable_after_unused_days: 30 });
    // The busy key was used on day 20 (as the usage writer records it).
    await db().apiKey.update({ where: { id: busy.row.id }, data: { lastUsedAt: at(20 * DAY) } });

    expect((await runSchedulerPass({ now: at(22 * DAY), dryRun: true })).stale.filter((s) => s.key_id === idle.row.id)).toEqual([]);
    const warned = await runWorkersTogether(2, { databaseUrl, at: at(23 * DAY + 60_000) });
    const warnings = warned.flatMap((r) => r.stale).filter((s) => [idle.row.id, busy.row.id].includes(s.key_id));
    expect(warnings).toEqual([expect.objectContaining({ key_id: idle.row.id, type: "api_key.stale_warning", outcome: "done" })]);

    const disabled = await runWorkersTogether(2, { databaseUrl, at: at(30 * DAY + 60_000) });
    const disablings = disabled.flatMap((r) => r.stale).filter((s) => [idle.row.id, busy.row.id].includes(s.key_id));
    expect(disablings).toEqual([expect.objectContaining({ key_id: idle.row.id, type: "api_key.disabled", outcome: "done" })]);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: idle.row.id } });
    expect([row.enabled, row.disabledReason]).toEqual([false, "stale"]);
    expect((await verify(idle.plaintext)).code).toBe("DISABLED");
    expect((await verify(busy.plaintext)).code).toBe("VALID");

    await deliver(at(30 * DAY + 120_000));
    const heard = eventsFor(idle.row.id).map((r) => r.type);
    expect(heard.filter((t) => t === "api_key.stale_warning")).toHaveLength(1);
    expect(heard.filter((t) => t === "api_key.disabled")).toHaveLength(1);
    expect(eventsFor(idle.row.id).find((r) => r.type === "api_key.disabled")!.data).toMatchObject({ reason: "stale" });
    expect(eventsFor(idle.row.id).find((r) => r.type === "api_key.stale_warning")!.data).toMatchObject({
      disable_after_unused_days: 30,
      unused_days: 23,
    });

    // Enabled again, the clock starts afresh from then: a new warning 23 days later, not before.
    const enabled = await updateApiKey(scope, idle.row.id, { enabled: true });
    expect([enabled.staleWarningAt, enabled.disabledReason]).toEqual([null, null]);
    const from = enabled.enabledAt!.getTime();
    const staleAt = async (ms: number) =>
      (await runSchedulerPass({ now: new Date(from + ms), dryRun: true })).stale.filter((s) => s.key_id === idle.row.id).map((s) => s.type);
    expect(await staleAt(22 * DAY)).toEqual([]);
    expect(await staleAt(23 * DAY + 60_000)).toEqual(["api_key.stale_warning"]);
    await updateKeyPolicy(scope, scope.projectId, { disable_after_unused_days: null });
  }, 180_000);

  it("refills a key's credits once when its day begins, with two workers", async () => {
    const { row } = await createApiKey(scope, {
      project_id: scope.projectId,
      name: "metered",
      credits: { remaining: 3, refill: { amount: 100, interval: "daily" } },
    });
    const reports = await runWorkersTogether(2, { databaseUrl, at: at(DAY + 60_000) });
    expect(reports.map((r) => r.credits_refilled).reduce((a, b) => a + b, 0)).toBe(1);
    const counter = await db().keyCounter.findUniqueOrThrow({ where: { id: row.id } });
    expect([counter.remaining, counter.base]).toEqual([100, 100]);
    // The same day again: nothing is due.
    const again = await runWorkersTogether(2, { databaseUrl, at: at(DAY + 120_000) });
    expect(again.map((r) => r.credits_refilled)).toEqual([0, 0]);
  }, 120_000);
});
