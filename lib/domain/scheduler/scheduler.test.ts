import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppScope } from "../../core/scope";
import { runWorkersTogether } from "../../../test/helpers/spawn-worker";
import { createTestDatabase } from "../../../test/helpers/test-db";
import { sha256, startReceiver } from "../../../test/helpers/webhook-receiver";

// The scheduler on SQLite, and on PostgreSQL when scripts/test.mjs runs this folder a second
// time with LATCHKEY_TEST_POSTGRES_URL (createTestDatabase). A fake clock (each pass's `now`)
// drives days of policy; a receiver on loopback checks every signature with the
// standardwebhooks package.

const DAY = 86_400_000;
const HOUR = 3_600_000;

const databaseUrl = await createTestDatabase();
process.env.LATCHKEY_SECRET = "scheduler-test-server-secret";

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb, transaction } = await import("../../platform/db");
const { createApiKey, revokeApiKey, updateApiKey } = await import("../keys/service");
const { insertRotation, rotateApiKey } = await import("../keys/rotate");
const { processVerifier } = await import("../../http/api/process-verifier");
const verifyApiKey = (...args: Parameters<ReturnType<typeof processVerifier>["verify"]>) => processVerifier().verify(...args);
const { rotateWebhookSigningSecret } = await import("../webhooks/signing-secret");
const { MAX_ATTEMPTS, retryDelayMs } = await import("../webhooks/backoff");
const { runSchedulerPass } = await import("./run-pass");
const { schedulerScope } = await import("./context");

const receiver = await startReceiver();
let scope: AppScope & { projectId: string };
const t0 = new Date();
const at = (ms: number) => new Date(t0.getTime() + ms);
const pass = (now: Date, extra: Parameters<typeof runSchedulerPass>[0] = {}) =>
  runSchedulerPass({ now, workerId: "test-worker", random: () => 0.5, ...extra });

beforeAll(async () => {
  const result = await bootstrap({ team: "Sched", app: "Sched app", project: "Sched project" });
  scope = {
    teamId: result.team_id,
    appId: result.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: null, userAgent: null },
    projectId: result.project_id,
  };
  receiver.secrets.push((await rotateWebhookSigningSecret(scope, scope.projectId)).secret);
});
afterAll(async () => {
  receiver.close();
  await disconnectDb();
});

async function key(name: string, extra: Partial<Parameters<typeof createApiKey>[1]> = {}) {
  return createApiKey(scope, { project_id: scope.projectId, name, rotation_webhook_url: receiver.url(`/${name}`), ...extra });
}

describe("a fake clock through days of policy", () => {
  it("rotates a due key once, delivers the new key signed, then announces the end of the grace period", async () => {
    const { row, plaintext: oldKey } = await key("monthly", { rotation_interval_days: 30, expires_at: at(60 * DAY) });

    expect((await pass(at(29 * DAY))).rotations).toEqual([]);
    const report = await pass(at(30 * DAY + 60_000));
    expect(report.rotations).toEqual([
      expect.objectContaining({ key_id: row.id, outcome: "rotated", grace_expires_at: at(32 * DAY + 60_000).toISOString() }),
    ]);
    expect(report.deliveries).toEqual([
      expect.objectContaining({ type: "api_key.rotated", outcome: "succeeded", status_code: 200, attempt: 1 }),
    ]);

    const [rotated] = receiver.on("/monthly");
    expect(rotated).toMatchObject({ type: "api_key.rotated", verifiedBy: 0, id: report.rotations[0]!.message_id });
    const newKey = String(rotated!.data.key);
    const created = await db().apiKey.findUniqueOrThrow({ where: { id: report.rotations[0]!.new_key_id! } });
    expect(sha256(newKey)).toBe(created.keyHash);
    expect(rotated!.data).toMatchObject({
      old_key_id: row.id,
      new_key_id: created.id,
      trigger: "scheduled",
      key_prefix: created.keyPrefix,
    });
    // The new key works, the old one too for its grace period, and the schedule counts from the rotation.
    expect((await verifyApiKey(scope, { key: newKey })).code).toBe("VALID");
    expect((await verifyApiKey(scope, { key: oldKey })).code).toBe("VALID");
    expect(created.nextRotationAt?.toISOString()).toBe(at(60 * DAY + 60_000).toISOString());
    // A rotation replaces the secret, not the key's term: the fixed expiry carries over unchanged.
    expect(created.expiresAt?.toISOString()).toBe(row.expiresAt!.toISOString());
    // Delivered: the held key is wiped at once.
    const message = await db().webhookMessage.findUniqueOrThrow({ where: { id: rotated!.id } });
    expect(message).toMatchObject({ status: "succeeded", attempts: 1, sealedKey: null });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { targetId: row.id, action: "api_key.rotated" } });
    expect(audit).toMatchObject({ actorType: "system", actorId: "scheduler", teamId: scope.teamId });

    // A second pass at the same moment finds nothing to do.
    const again = await pass(at(30 * DAY + 60_000));
    expect(again.rotations.filter((r) => r.key_id === row.id)).toEqual([]);
    expect(receiver.on("/monthly")).toHaveLength(1);

    const graceEnded = await pass(at(32 * DAY + 120_000));
    expect(graceEnded.notices).toContainEqual(
      expect.objectContaining({ key_id: row.id, type: "api_key.grace_ended", outcome: "enqueued" }),
    );
    expect(receiver.on("/monthly").map((r) => r.type)).toEqual(["api_key.rotated", "api_key.grace_ended"]);
    expect(receiver.on("/monthly")[1]!.data).toMatchObject({ key_id: row.id, replaced_by_key_id: created.id });
    expect((await pass(at(33 * DAY))).notices.filter((n) => n.key_id === row.id)).toEqual([]);
  });

  it("sends api_key.expiring 7 days and 1 day ahead, once each, and again after the expiry moves", async () => {
    const { row } = await key("expiring", { expires_at: at(10 * DAY) });
    expect((await pass(at(2 * DAY))).notices.filter((n) => n.key_id === row.id)).toEqual([]);
    expect((await pass(at(3 * DAY + HOUR))).notices).toContainEqual(
      expect.objectContaining({ key_id: row.id, type: "api_key.expiring", detail: expect.stringContaining("7-day") }),
    );
    expect((await pass(at(4 * DAY))).notices.filter((n) => n.key_id === row.id)).toEqual([]);
    expect((await pass(at(9 * DAY + HOUR))).notices).toContainEqual(
      expect.objectContaining({ key_id: row.id, detail: expect.stringContaining("1-day") }),
    );
    expect((await pass(at(9 * DAY + 2 * HOUR))).notices.filter((n) => n.key_id === row.id)).toEqual([]);
    expect(receiver.on("/expiring").map((r) => r.data.days_before)).toEqual([7, 1]);
    expect(receiver.on("/expiring").every((r) => r.verifiedBy === 0 && r.type === "api_key.expiring")).toBe(true);

    // A key found inside the 1-day window gets one notice, not two.
    const late = await key("late", { expires_at: at(12 * HOUR) });
    const notices = (await pass(at(HOUR))).notices.filter((n) => n.key_id === late.row.id);
    expect(notices).toHaveLength(1);
    expect(receiver.on("/late").map((r) => r.data.days_before)).toEqual([1]);

    // A new expiry has notices of its own.
    await updateApiKey(scope, row.id, { expires_at: new Date(Date.now() + 20 * DAY) });
    expect((await pass(new Date(Date.now() + 13 * DAY + HOUR))).notices).toContainEqual(
      expect.objectContaining({ key_id: row.id, detail: expect.stringContaining("7-day") }),
    );
  });

  it("catches up after downtime: a key overdue by months rotates once, and its schedule restarts from then", async () => {
    const { row } = await key("daily", { rotation_interval_days: 1 });
    const late = at(100 * DAY);
    const report = await pass(late);
    const mine = report.rotations.filter((r) => r.key_id === row.id);
    expect(mine).toHaveLength(1);
    const created = await db().apiKey.findUniqueOrThrow({ where: { id: mine[0]!.new_key_id! } });
    expect(created.nextRotationAt?.toISOString()).toBe(at(101 * DAY).toISOString());
    expect(await db().apiKey.count({ where: { name: "daily", projectId: scope.projectId } })).toBe(2);
  });

  it("uses the key's grace, else the project's default", async () => {
    await db().project.update({ where: { id: scope.projectId }, data: { defaultGracePeriodSeconds: 3600 } });
    const fromProject = await key("project-grace", { rotation_interval_days: 1 });
    const fromKey = await key("key-grace", { rotation_interval_days: 1 });
    await db().apiKey.update({ where: { id: fromKey.row.id }, data: { rotationGracePeriodSeconds: 60 } });
    const now = at(200 * DAY);
    const report = await pass(now);
    expect(report.rotations.find((r) => r.key_id === fromProject.row.id)?.grace_expires_at).toBe(
      new Date(now.getTime() + 3600_000).toISOString(),
    );
    expect(report.rotations.find((r) => r.key_id === fromKey.row.id)?.grace_expires_at).toBe(
      new Date(now.getTime() + 60_000).toISOString(),
    );
    await db().project.update({ where: { id: scope.projectId }, data: { defaultGracePeriodSeconds: null } });
  });

  it("previews with dryRun and changes nothing", async () => {
    const { row } = await key("preview", { rotation_interval_days: 7, expires_at: at(400 * DAY) });
    const before = { keys: await db().apiKey.count(), messages: await db().webhookMessage.count(), audit: await db().auditEvent.count() };
    const preview = await pass(at(300 * DAY), { dryRun: true });
    expect(preview.dry_run).toBe(true);
    expect(preview.rotations).toContainEqual(expect.objectContaining({ key_id: row.id, outcome: "would_rotate", new_key_id: null }));
    expect({ keys: await db().apiKey.count(), messages: await db().webhookMessage.count(), audit: await db().auditEvent.count() }).toEqual(
      before,
    );
    expect(receiver.on("/preview")).toEqual([]);
  });
});

describe("held keys", () => {
  it("are wiped when the grace period ends before delivery, and the message still goes out without the key", async () => {
    receiver.behave("/slow-receiver", "fail");
    const { row } = await key("slow-receiver");
    const rotated = await rotateApiKey(scope, row.id, { grace_period_seconds: 3600 });
    const now = new Date();
    const first = await pass(now);
    expect(first.deliveries).toContainEqual(expect.objectContaining({ message_id: rotated.messageId, outcome: "retrying" }));
    expect(receiver.on("/slow-receiver")[0]!.data.key).toBe(rotated.plaintext);
    const sealed = await db().webhookMessage.findUniqueOrThrow({ where: { id: rotated.messageId! } });
    expect(sealed.sealedKey).not.toContain(rotated.plaintext.slice(8, 20));

    receiver.behave("/slow-receiver", "ok");
    const after = await pass(new Date(now.getTime() + 2 * HOUR));
    expect(after.wiped_keys).toBeGreaterThanOrEqual(1);
    expect(after.deliveries).toContainEqual(expect.objectContaining({ message_id: rotated.messageId, outcome: "succeeded" }));
    const delivered = receiver.on("/slow-receiver").find((r) => r.type === "api_key.rotated" && r.verifiedBy === 0 && r.data.key === null);
    expect(delivered?.id).toBe(rotated.messageId);
    expect((await db().webhookMessage.findUniqueOrThrow({ where: { id: rotated.messageId! } })).sealedKey).toBeNull();
  });

  it("are never held when a manual rotation gives no grace", async () => {
    const { row } = await key("no-grace");
    const rotated = await rotateApiKey(scope, row.id, {});
    expect((await db().webhookMessage.findUniqueOrThrow({ where: { id: rotated.messageId! } })).sealedKey).toBeNull();
    // No grace period, so no grace_ended either.
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: row.id } })).graceEndedNoticeAt).not.toBeNull();
  });
});

describe("api_key.revoked", () => {
  it("is written with the revocation, once, and only for keys with a webhook URL", async () => {
    const { row } = await key("revoked");
    const plain = await createApiKey(scope, { project_id: scope.projectId, name: "no-webhook" });
    await revokeApiKey(scope, row.id);
    await revokeApiKey(scope, row.id);
    await revokeApiKey(scope, plain.row.id);
    expect(await db().webhookMessage.count({ where: { keyId: row.id, eventType: "api_key.revoked" } })).toBe(1);
    expect(await db().webhookMessage.count({ where: { keyId: plain.row.id } })).toBe(0);
    await pass(new Date());
    expect(receiver.on("/revoked")).toEqual([
      expect.objectContaining({ type: "api_key.revoked", verifiedBy: 0, data: expect.objectContaining({ key_id: row.id }) }),
    ]);
  });
});

describe("the project's signing secret", () => {
  it("is stored sealed, and after a rotation the previous one signs beside it for a day", async () => {
    const first = receiver.secrets[0]!;
    const { secret: second } = await rotateWebhookSigningSecret(scope, scope.projectId);
    const stored = await db().webhookSigningSecret.findUniqueOrThrow({ where: { projectId: scope.projectId } });
    expect(stored.secret).not.toContain(second.slice(6));
    expect(stored.previousExpiresAt!.getTime() - Date.now()).toBeGreaterThan(23 * HOUR);
    receiver.secrets.unshift(second);

    const during = await key("secret-overlap");
    await revokeApiKey(scope, during.row.id);
    await pass(new Date());
    const [overlap] = receiver.on("/secret-overlap");
    const headers = Object.fromEntries(Object.entries(overlap!.headers).map(([k, v]) => [k, String(v)]));
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(() => new Webhook(first).verify(overlap!.body, headers)).not.toThrow();
    expect(() => new Webhook(second).verify(overlap!.body, headers)).not.toThrow();

    // Rotated again two days ago: the overlap is over, and only the newest secret signs.
    const { secret: third } = await rotateWebhookSigningSecret(scope, scope.projectId, new Date(Date.now() - 2 * DAY));
    receiver.secrets.unshift(third);
    const after = await key("secret-after");
    await revokeApiKey(scope, after.row.id);
    await pass(new Date());
    const [single] = receiver.on("/secret-after");
    const singleHeaders = Object.fromEntries(Object.entries(single!.headers).map(([k, v]) => [k, String(v)]));
    expect(singleHeaders["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(() => new Webhook(third).verify(single!.body, singleHeaders)).not.toThrow();
    expect(() => new Webhook(second).verify(single!.body, singleHeaders)).toThrow();
    expect(await db().auditEvent.count({ where: { targetId: scope.projectId, action: "project.webhook_secret_rotated" } })).toBe(2);
  });

  it("is needed: without one, delivery waits and says why", async () => {
    const other = await bootstrap({ team: "No secret", app: "No secret app", project: "No secret project" });
    const otherScope = {
      teamId: other.team_id,
      appId: other.app_id,
      actor: { type: "system" as const, id: "test" },
      request: { ipAddress: null, userAgent: null },
    };
    const { row } = await createApiKey(otherScope, {
      project_id: other.project_id,
      name: "unsigned",
      rotation_webhook_url: receiver.url("/unsigned"),
    });
    await revokeApiKey(otherScope, row.id);
    const report = await pass(new Date());
    expect(report.deliveries).toContainEqual(
      expect.objectContaining({ outcome: "retrying", error: expect.stringContaining("no webhook signing secret") }),
    );
    expect(receiver.on("/unsigned")).toEqual([]);
  });
});

describe("a receiver that keeps failing", () => {
  it("is retried on the backoff schedule over more than a day, then the message is marked failed", async () => {
    receiver.behave("/down", "fail");
    const { row } = await key("down");
    await revokeApiKey(scope, row.id);
    const message = await db().webhookMessage.findFirstOrThrow({ where: { keyId: row.id } });
    const start = message.nextAttemptAt;
    let now = start;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // A stopped clock: every attempt ends at `now`, and the next one is due exactly a backoff later.
      const stopped = now;
      const report = await pass(now, { clock: () => stopped });
      const mine = report.deliveries.filter((d) => d.message_id === message.id);
      expect(mine).toHaveLength(1);
      const expectedNext = new Date(now.getTime() + retryDelayMs(attempt, 0.5));
      expect(mine[0]).toMatchObject({
        attempt,
        status_code: 503,
        outcome: attempt === MAX_ATTEMPTS ? "failed" : "retrying",
        next_attempt_at: attempt === MAX_ATTEMPTS ? null : expectedNext.toISOString(),
      });
      if (attempt === MAX_ATTEMPTS) break;
      // Not a moment early.
      expect((await pass(new Date(expectedNext.getTime() - 1000))).deliveries.filter((d) => d.message_id === message.id)).toEqual([]);
      now = expectedNext;
    }
    expect(now.getTime() - start.getTime()).toBeGreaterThan(24 * HOUR);
    const failed = await db().webhookMessage.findUniqueOrThrow({
      where: { id: message.id },
      include: { deliveryAttempts: { orderBy: { attempt: "asc" } } },
    });
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastError: "HTTP 503" });
    expect(failed.deliveryAttempts.map((a) => a.attempt)).toEqual(Array.from({ length: MAX_ATTEMPTS }, (_, i) => i + 1));
    expect(failed.deliveryAttempts[0]).toMatchObject({
      statusCode: 503,
      responseExcerpt: "receiver is down for maintenance",
      workerId: "test-worker",
    });
    expect(failed.deliveryAttempts.every((a) => a.latencyMs >= 0)).toBe(true);
    // Every attempt carried the same webhook-id and a valid signature.
    expect(new Set(receiver.on("/down").map((r) => r.id))).toEqual(new Set([message.id]));
    expect(receiver.on("/down").every((r) => r.verifiedBy === 0)).toBe(true);
    expect((await pass(new Date(now.getTime() + 30 * DAY))).deliveries.filter((d) => d.message_id === message.id)).toEqual([]);
  });
});

describe("retry timing with a slow receiver", () => {
  it("times each retry from the end of its own attempt, never from the start of the pass", async () => {
    receiver.behave("/slow-retry", "fail");
    receiver.delay("/slow-retry", 250);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { row } = await key(`slow-retry-${i}`, { rotation_webhook_url: receiver.url("/slow-retry") });
      await revokeApiKey(scope, row.id);
      ids.push((await db().webhookMessage.findFirstOrThrow({ where: { keyId: row.id } })).id);
    }
    // In real time, with the least jitter: the shortest wait the README promises after a first failure.
    const report = await runSchedulerPass({ workerId: "test-worker", random: () => 0 });
    expect(report.deliveries.filter((d) => ids.includes(d.message_id)).map((d) => d.outcome)).toEqual(Array(ids.length).fill("retrying"));
    const messages = await db().webhookMessage.findMany({ where: { id: { in: ids } }, include: { deliveryAttempts: true } });
    const starts = messages.map((m) => m.deliveryAttempts[0]!.startedAt.getTime());
    // The sends queued behind each other (two at a time to one receiver), so the last ones ended long after the pass began.
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(1000);
    for (const message of messages) {
      const [attempt] = message.deliveryAttempts;
      expect(attempt!.latencyMs).toBeGreaterThanOrEqual(250);
      const wait = message.nextAttemptAt.getTime() - (attempt!.startedAt.getTime() + attempt!.latencyMs);
      expect(wait, message.id).toBeGreaterThanOrEqual(retryDelayMs(1, 0) - 1); // 1 ms for rounding the latency
      expect(wait, message.id).toBeLessThan(retryDelayMs(1, 0) + 2000);
    }
  });
});

describe("a pass that dies", () => {
  it("inside the rotation's transaction leaves nothing behind: no new key, no outbox row, no audit row", async () => {
    const { row } = await key("killed", { rotation_interval_days: 1 });
    const counts = async () => ({
      keys: await db().apiKey.count(),
      messages: await db().webhookMessage.count(),
      audit: await db().auditEvent.count(),
    });
    const before = await counts();
    await expect(
      transaction(async (tx) => {
        await insertRotation(tx, schedulerScope(scope.teamId, scope.appId), row.id, {
          now: at(2 * DAY),
          gracePeriodSeconds: 60,
          trigger: "scheduled",
        });
        throw new Error("worker killed");
      }),
    ).rejects.toThrow("worker killed");
    expect(await counts()).toEqual(before);
    expect(await db().apiKey.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      replacedByKeyId: null,
      nextRotationAt: row.nextRotationAt,
    });
    // The next pass does the work, once.
    const report = await pass(at(2 * DAY));
    expect(report.rotations.filter((r) => r.key_id === row.id && r.outcome === "rotated")).toHaveLength(1);
    expect(await db().webhookMessage.count({ where: { keyId: row.id } })).toBe(1);
  });

  it("while sending leaves its lease; once the lease runs out the next worker sends the same message", async () => {
    const { row } = await key("leased");
    await revokeApiKey(scope, row.id);
    const message = await db().webhookMessage.findFirstOrThrow({ where: { keyId: row.id } });
    // As a worker that took the message and died before recording anything.
    await db().webhookMessage.update({
      where: { id: message.id },
      data: { leaseOwner: "dead-worker", leaseExpiresAt: new Date(Date.now() + 60_000) },
    });
    expect((await pass(new Date())).deliveries.filter((d) => d.message_id === message.id)).toEqual([]);
    await db().webhookMessage.update({ where: { id: message.id }, data: { leaseExpiresAt: new Date(Date.now() - 1) } });
    expect((await pass(new Date())).deliveries).toContainEqual(
      expect.objectContaining({ message_id: message.id, outcome: "succeeded", attempt: 1 }),
    );
    expect(await db().webhookMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: "succeeded",
      leaseOwner: null,
    });
  });
});

describe("two workers at once", () => {
  it("never rotate a key twice or send a message twice", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await key(`race-${i}`, { rotation_interval_days: 1 })).row.id);
    const now = at(500 * DAY);
    const [one, two] = await Promise.all([pass(now, { workerId: "worker-1" }), pass(now, { workerId: "worker-2" })]);
    const rotated = [...one.rotations, ...two.rotations].filter((r) => ids.includes(r.key_id) && r.outcome === "rotated");
    expect(rotated.map((r) => r.key_id).sort()).toEqual([...ids].sort());
    // Both passes did part of the work: they ran together, not one after the other.
    for (const report of [one, two]) expect(report.rotations.filter((r) => r.outcome === "rotated").length).toBeGreaterThan(0);
    for (const id of ids) {
      expect(
        await db().apiKey.count({
          where: { name: (await db().apiKey.findUniqueOrThrow({ where: { id } })).name, projectId: scope.projectId },
        }),
      ).toBe(2);
      expect(await db().webhookMessage.count({ where: { keyId: id } })).toBe(1);
    }
    const sent = [...one.deliveries, ...two.deliveries].filter(
      (d) => d.outcome === "succeeded" && rotated.some((r) => r.message_id === d.message_id),
    );
    expect(sent).toHaveLength(ids.length);
    for (let i = 0; i < ids.length; i++) expect(receiver.on(`/race-${i}`)).toHaveLength(1);
  });

  it("in two processes, never rotate a key twice or send a message twice", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await key(`proc-${i}`, { rotation_interval_days: 1 })).row.id);
    const now = at(600 * DAY);
    const reports = await runWorkersTogether(2, { databaseUrl, at: now });
    const rotated = reports.flatMap((r) => r.rotations.filter((x) => x.outcome === "rotated" && ids.includes(x.key_id)));
    expect(rotated.map((r) => r.key_id).sort()).toEqual([...ids].sort());
    const replaced = await db().apiKey.findMany({ where: { id: { in: ids } }, select: { replacedByKeyId: true } });
    expect(new Set(replaced.map((k) => k.replacedByKeyId)).size).toBe(ids.length);
    expect(await db().apiKey.count({ where: { projectId: scope.projectId, name: { startsWith: "proc-" } } })).toBe(2 * ids.length);
    expect(await db().webhookMessage.count({ where: { keyId: { in: ids } } })).toBe(ids.length);
    for (let i = 0; i < ids.length; i++) expect(receiver.on(`/proc-${i}`), `proc-${i}`).toHaveLength(1);
    expect(receiver.received.every((r) => r.verifiedBy === 0)).toBe(true);
    // On PostgreSQL, SKIP LOCKED lets both passes share the keys: each did part of the work. On
    // SQLite the one write lock serialises them, and a pass that starts late may find none left.
    if (databaseUrl.startsWith("postgres")) {
      for (const report of reports) expect(report.rotations.filter((x) => x.outcome === "rotated").length).toBeGreaterThan(0);
    }
  }, 120_000); // two CLI processes start here: slow on a busy two-core machine
});
