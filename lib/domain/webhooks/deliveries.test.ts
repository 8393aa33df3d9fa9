import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppScope } from "../../core/scope";
import { createTestDatabase } from "../../../test/helpers/test-db";
import { sha256, startReceiver } from "../../../test/helpers/webhook-receiver";
import { refusal } from "../../../test/helpers/refusal";

// The delivery log and redelivery, against a receiver on loopback that checks every signature
// with the standardwebhooks package.

await createTestDatabase();
process.env.LATCHKEY_SECRET = "deliveries-test-server-secret";

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb } = await import("../../platform/db");
const { createApiKey, revokeApiKey } = await import("../keys/service");
const { rotateApiKey } = await import("../keys/rotate");
const { rotateWebhookSigningSecret } = await import("./signing-secret");
const { listWebhookDeliveries, redeliverWebhookMessage } = await import("./deliveries");

const receiver = await startReceiver();
type Tenant = AppScope & { projectId: string };
let a: Tenant;
let b: Tenant;

async function tenant(name: string): Promise<Tenant> {
  const r = await bootstrap({ team: name, app: `${name} app`, project: `${name} project` });
  return {
    teamId: r.team_id,
    appId: r.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: null, userAgent: null },
    projectId: r.project_id,
  };
}

beforeAll(async () => {
  [a, b] = [await tenant("Deliveries A"), await tenant("Deliveries B")];
  receiver.secrets.push((await rotateWebhookSigningSecret(a, a.projectId)).secret);
});
afterAll(async () => {
  receiver.close();
  await disconnectDb();
});

/** A key with a webhook, rotated with a grace period: one pending api_key.rotated message. */
async function rotated(name: string) {
  const { row } = await createApiKey(a, { project_id: a.projectId, name, rotation_webhook_url: receiver.url(`/${name}`) });
  const result = await rotateApiKey(a, row.id, { grace_period_seconds: 3600 });
  return { oldKey: row, newKey: result.created, plaintext: result.plaintext, messageId: result.messageId! };
}

describe("the delivery log", () => {
  it("lists messages newest first with their attempts, in pages, and never the held key", async () => {
    const first = await rotated("log-first");
    const second = await rotated("log-second");
    const page = await listWebhookDeliveries(a, a.projectId, { limit: 1 });
    expect(page.deliveries.map((d) => d.id)).toEqual([second.messageId]);
    expect(page.deliveries[0]).toMatchObject({
      event_type: "api_key.rotated",
      key_id: second.oldKey.id,
      status: "pending",
      attempt_count: 0,
      attempts: [],
      redeliverable: true,
      url: receiver.url("/log-second"),
    });
    expect(page.next_cursor).toEqual(expect.any(String));
    const next = await listWebhookDeliveries(a, a.projectId, { limit: 1, cursor: page.next_cursor! });
    expect(next.deliveries.map((d) => d.id)).toEqual([first.messageId]);
    const all = JSON.stringify(await listWebhookDeliveries(a, a.projectId, { limit: 100 }));
    expect(all).not.toContain(first.plaintext);
    expect(all).not.toContain(second.plaintext);
    expect((await refusal(listWebhookDeliveries(a, a.projectId, { limit: 1, cursor: "nonsense" })))?.code).toBe("invalid_request");
  });

  it("reads another app's project, or a guessed one, as not found", async () => {
    expect((await refusal(listWebhookDeliveries(b, a.projectId, { limit: 20 })))?.code).toBe("not_found");
    expect((await refusal(listWebhookDeliveries(a, "prj_guessed", { limit: 20 })))?.code).toBe("not_found");
    expect((await listWebhookDeliveries(b, b.projectId, { limit: 20 })).deliveries).toEqual([]);
  });
});

describe("redelivery", () => {
  it("sends now and logs the attempt; a failure keeps the message pending, a success wipes the held key", async () => {
    const { messageId, newKey } = await rotated("redeliver");
    receiver.behave("/redeliver", "fail");
    const failed = await redeliverWebhookMessage(a, a.projectId, messageId);
    expect(failed).toMatchObject({ status: "pending", attempt_count: 1, redeliverable: true, last_error: "HTTP 503" });
    expect(failed.attempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        outcome: "failed",
        status_code: 503,
        response_excerpt: "receiver is down for maintenance",
        latency_ms: expect.any(Number),
      }),
    ]);

    receiver.behave("/redeliver", "ok");
    const done = await redeliverWebhookMessage(a, a.projectId, messageId);
    expect(done).toMatchObject({
      status: "succeeded",
      attempt_count: 2,
      redeliverable: false,
      next_attempt_at: null,
      delivered_at: expect.any(String),
    });
    expect(done.attempts.map((x) => [x.attempt, x.outcome, x.status_code])).toEqual([
      [1, "failed", 503],
      [2, "succeeded", 200],
    ]);
    const received = receiver.on("/redeliver");
    expect(received.map((r) => r.id)).toEqual([messageId, messageId]);
    expect(received.at(-1)!.verifiedBy).toBe(0);
    expect(sha256(String(received.at(-1)!.data.key))).toBe(newKey.keyHash);
    expect((await db().webhookMessage.findUniqueOrThrow({ where: { id: messageId } })).sealedKey).toBeNull();
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { targetId: messageId, action: "webhook.redelivered" },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.parse(audit.metadata)).toMatchObject({ succeeded: true, status_code: 200 });

    // The key is gone: a rotation cannot be sent again.
    expect((await refusal(redeliverWebhookMessage(a, a.projectId, messageId)))?.code).toBe("conflict");
    expect(receiver.on("/redeliver")).toHaveLength(2);
  });

  it("sends a message without a held key (a revocation) again even after it succeeded", async () => {
    const { row } = await createApiKey(a, { project_id: a.projectId, name: "revoked", rotation_webhook_url: receiver.url("/revoked") });
    await revokeApiKey(a, row.id);
    const message = await db().webhookMessage.findFirstOrThrow({ where: { keyId: row.id, eventType: "api_key.revoked" } });
    expect((await redeliverWebhookMessage(a, a.projectId, message.id)).status).toBe("succeeded");
    const again = await redeliverWebhookMessage(a, a.projectId, message.id);
    expect(again).toMatchObject({ status: "succeeded", attempt_count: 2, redeliverable: true });
    expect(receiver.on("/revoked")).toHaveLength(2);
  });

  it("refuses a message another worker holds right now", async () => {
    const { messageId } = await rotated("leased");
    await db().webhookMessage.update({
      where: { id: messageId },
      data: { leaseOwner: "someone", leaseExpiresAt: new Date(Date.now() + 60_000) },
    });
    expect((await refusal(redeliverWebhookMessage(a, a.projectId, messageId)))?.code).toBe("conflict");
    expect(receiver.on("/leased")).toEqual([]);
  });

  it("reads another app's message, a mismatched project or a guessed id as not found, and sends nothing", async () => {
    const { messageId } = await rotated("isolated");
    expect((await refusal(redeliverWebhookMessage(b, a.projectId, messageId)))?.code).toBe("not_found");
    expect((await refusal(redeliverWebhookMessage(b, b.projectId, messageId)))?.code).toBe("not_found");
    expect((await refusal(redeliverWebhookMessage(a, a.projectId, "msg_guessed")))?.code).toBe("not_found");
    expect(receiver.on("/isolated")).toEqual([]);
    expect((await db().webhookMessage.findUniqueOrThrow({ where: { id: messageId } })).attempts).toBe(0);
  });
});

describe("revoking a rotation's new key", () => {
  it("wipes its held copy from the pending api_key.rotated message, which is then never sent", async () => {
    const { messageId, newKey } = await rotated("revoked-new");
    expect((await db().webhookMessage.findUniqueOrThrow({ where: { id: messageId } })).sealedKey).not.toBeNull();
    await revokeApiKey(a, newKey.id);
    const message = await db().webhookMessage.findUniqueOrThrow({ where: { id: messageId } });
    expect(message).toMatchObject({ sealedKey: null, status: "failed" });
    expect((await refusal(redeliverWebhookMessage(a, a.projectId, messageId)))?.code).toBe("conflict");
    expect(receiver.on("/revoked-new")).toEqual([]);
    // The revocation itself is announced, for the new key.
    expect(await db().webhookMessage.count({ where: { keyId: newKey.id, eventType: "api_key.revoked" } })).toBe(1);
  });

  it("leaves the held key alone when the old key is revoked: the new one still works", async () => {
    const { messageId, oldKey } = await rotated("revoked-old");
    await revokeApiKey(a, oldKey.id);
    expect(await db().webhookMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({
      status: "pending",
      sealedKey: expect.any(String),
    });
  });
});

describe("redelivery to a refused target", () => {
  it("fails the message at once, with the guard's reason on the attempt", async () => {
    const { messageId } = await rotated("refused");
    await db().webhookMessage.update({ where: { id: messageId }, data: { url: "https://10.1.2.3/hook" } });
    const result = await redeliverWebhookMessage(a, a.projectId, messageId);
    expect(result).toMatchObject({ status: "failed", next_attempt_at: null });
    expect(result.attempts[0]?.error).toMatch(/^refused target: .*private/);
  });
});
