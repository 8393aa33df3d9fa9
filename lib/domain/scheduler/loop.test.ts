import { afterAll, describe, expect, it } from "vitest";
import type { AppScope } from "../../core/scope";
import { createTestDatabase } from "../../../test/helpers/test-db";
import { startReceiver } from "../../../test/helpers/webhook-receiver";

await createTestDatabase();
process.env.LATCHKEY_SECRET = "loop-test-server-secret";

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb } = await import("../../platform/db");
const { createApiKey, revokeApiKey } = await import("../keys/service");
const { rotateWebhookSigningSecret } = await import("../webhooks/signing-secret");
const { DELIVERY_CONCURRENCY, DELIVERY_CONCURRENCY_PER_ORIGIN } = await import("./delivery-lane");
const { startScheduler } = await import("./loop");

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => {
  receivers.forEach((r) => r.close());
  await disconnectDb();
});

async function tenantWithReceiver(name: string) {
  const result = await bootstrap({ team: name, app: `${name} app`, project: `${name} project` });
  const scope: AppScope = {
    teamId: result.team_id,
    appId: result.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: null, userAgent: null },
  };
  const receiver = await startReceiver();
  receivers.push(receiver);
  receiver.secrets.push((await rotateWebhookSigningSecret(scope, result.project_id)).secret);
  return { ...result, scope, receiver };
}

describe("startScheduler", () => {
  it("runs passes until stopped and logs what they did; none runs after stop", async () => {
    const tenant = await bootstrap({ team: "Loop", app: "Loop app", project: "Loop project" });
    const environment = tenant.environments[0]!;
    const lines: string[] = [];
    const scheduler = startScheduler({ intervalMs: 20, log: (line) => lines.push(line) });
    // A key that falls due while the loop runs is rotated by a later pass.
    await db().apiKey.create({
      data: {
        id: "key_loop",
        appId: tenant.app_id,
        projectId: tenant.project_id,
        environmentId: environment.id,
        name: "loop",
        keyPrefix: "lk_live_loop0000",
        keyHash: "loop-hash",
        createdBy: "test",
        rotationIntervalDays: 1,
        nextRotationAt: new Date(Date.now() - 1000),
      },
    });
    await expect.poll(() => lines.join("\n"), { timeout: 10_000 }).toContain("rotated key_loop");
    expect(await scheduler.stop()).toEqual({ finished: true, abandoned: 0 });
    const logged = lines.length;
    expect(await db().apiKey.count({ where: { name: "loop" } })).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines).toHaveLength(logged);
    expect(scheduler.workerId).toMatch(/:\d+:/);
  });

  it("rotates another project's due key, and delivers its webhook, while a receiver that hangs holds its sends", async () => {
    const slow = await tenantWithReceiver("Hanging");
    const other = await tenantWithReceiver("Other");
    slow.receiver.behave("/hang", "hang");
    // More messages to the hanging receiver than the lane has slots in all.
    const hanging: string[] = [];
    for (let i = 0; i < DELIVERY_CONCURRENCY + 2; i++) {
      const { row } = await createApiKey(slow.scope, {
        project_id: slow.project_id,
        name: `hang-${i}`,
        rotation_webhook_url: slow.receiver.url("/hang"),
      });
      await revokeApiKey(slow.scope, row.id);
      hanging.push((await db().webhookMessage.findFirstOrThrow({ where: { keyId: row.id } })).id);
    }
    const { row: due } = await createApiKey(other.scope, {
      project_id: other.project_id,
      name: "due",
      rotation_interval_days: 1,
      rotation_webhook_url: other.receiver.url("/rotated"),
    });

    const lines: string[] = [];
    const scheduler = startScheduler({ intervalMs: 200, log: (line) => lines.push(line), pass: { send: { timeoutMs: 8_000 } } });
    await expect.poll(() => slow.receiver.on("/hang").length, { timeout: 10_000 }).toBe(DELIVERY_CONCURRENCY_PER_ORIGIN);
    // The other project's key falls due while those sends hang.
    await db().apiKey.update({ where: { id: due.id }, data: { nextRotationAt: new Date(Date.now() - 1000) } });
    await expect.poll(() => other.receiver.on("/rotated").length, { timeout: 7_000 }).toBe(1);

    // Rotated and delivered before any of the hanging sends ended, and those took two slots, not all.
    expect(await db().webhookAttempt.count({ where: { messageId: { in: hanging } } })).toBe(0);
    expect(slow.receiver.on("/hang")).toHaveLength(DELIVERY_CONCURRENCY_PER_ORIGIN);
    expect(other.receiver.on("/rotated")[0]).toMatchObject({
      type: "api_key.rotated",
      verifiedBy: 0,
      data: expect.objectContaining({ old_key_id: due.id }),
    });
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: due.id } })).replacedByKeyId).not.toBeNull();
    expect(lines.join("\n")).toContain(`rotated key_`);

    // Stopping with a deadline shorter than the sends: it returns then, and says what it left.
    expect(await scheduler.stop(300)).toEqual({ finished: false, abandoned: DELIVERY_CONCURRENCY_PER_ORIGIN });
    // The sends still end at their own timeout, and are recorded; nothing else was taken.
    await expect
      .poll(() => db().webhookAttempt.count({ where: { messageId: { in: hanging } } }), { timeout: 15_000 })
      .toBe(DELIVERY_CONCURRENCY_PER_ORIGIN);
    const attempts = await db().webhookAttempt.findMany({ where: { messageId: { in: hanging } } });
    expect(attempts.every((a) => a.error === "timed out after 8000 ms")).toBe(true);
    expect(await db().webhookMessage.count({ where: { id: { in: hanging }, leaseOwner: { not: null } } })).toBe(0);
    expect(slow.receiver.on("/hang")).toHaveLength(DELIVERY_CONCURRENCY_PER_ORIGIN);
  }, 60_000);
});
