import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppScope } from "../../core/scope";
import { createTestDatabase } from "../../../test/helpers/test-db";

// A target the URL guard refuses fails the same way on every attempt, so it is not retried
// like a network failure: the message fails at once, with the reason on the attempt.

await createTestDatabase();
process.env.LATCHKEY_SECRET = "refused-target-test-secret";

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb } = await import("../../platform/db");
const { createApiKey } = await import("../keys/service");
const { rotateApiKey } = await import("../keys/rotate");
const { rotateWebhookSigningSecret } = await import("../webhooks/signing-secret");
const { parseAllowList } = await import("../webhooks/url-guard");
const { runSchedulerPass } = await import("./run-pass");

// The policy of a production server with no allow-list.
const production = { production: true, allow: parseAllowList("") };
let scope: AppScope & { projectId: string };

beforeAll(async () => {
  const r = await bootstrap({ team: "Refused", app: "Refused app", project: "Refused project" });
  scope = {
    teamId: r.team_id,
    appId: r.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: null, userAgent: null },
    projectId: r.project_id,
  };
  await rotateWebhookSigningSecret(scope, scope.projectId);
});
afterAll(() => disconnectDb());

/** A pending api_key.rotated message to `url`, written as an older server would have accepted it. */
async function messageTo(url: string): Promise<string> {
  const { row } = await createApiKey(scope, {
    project_id: scope.projectId,
    name: "refused",
    rotation_webhook_url: "https://hooks.example.com/x",
  });
  const { messageId } = await rotateApiKey(scope, row.id, { grace_period_seconds: 3600 });
  await db().webhookMessage.update({ where: { id: messageId! }, data: { url } });
  return messageId!;
}

describe("a refused webhook target", () => {
  it.each([
    ["a private address literal", "https://10.1.2.3/hook", /10\.1\.2\.3.*private/],
    ["plain http in production", "http://127.0.0.1:9/hook", /must use https/],
    // Stored before such names were refused when entered: refused by name at delivery, before any lookup.
    ["a loopback name in production", "https://localhost:9/hook", /localhost is a loopback host/],
  ])("%s: the message fails on its first attempt, with the reason logged", async (_label, url, reason) => {
    const id = await messageTo(url);
    const report = await runSchedulerPass({ workerId: "refused-worker", send: { policy: production, timeoutMs: 2000 } });
    const entry = report.deliveries.find((d) => d.message_id === id);
    expect(entry).toMatchObject({ outcome: "failed", attempt: 1, next_attempt_at: null });
    const message = await db().webhookMessage.findUniqueOrThrow({ where: { id }, include: { deliveryAttempts: true } });
    expect(message).toMatchObject({ status: "failed", attempts: 1 });
    expect(message.deliveryAttempts).toHaveLength(1);
    expect(message.deliveryAttempts[0]!.error).toMatch(/^refused target: /);
    expect(message.deliveryAttempts[0]!.error).toMatch(reason);
    // A later pass does not try again.
    const later = await runSchedulerPass({
      now: new Date(Date.now() + 86_400_000),
      workerId: "refused-worker",
      send: { policy: production },
    });
    expect(later.deliveries.find((d) => d.message_id === id)).toBeUndefined();
  });

  it("a network failure is still retried", async () => {
    const id = await messageTo("https://hooks.invalid/hook");
    const report = await runSchedulerPass({ workerId: "refused-worker", send: { policy: production, timeoutMs: 2000 } });
    expect(report.deliveries.find((d) => d.message_id === id)).toMatchObject({ outcome: "retrying", next_attempt_at: expect.any(String) });
  });
});
