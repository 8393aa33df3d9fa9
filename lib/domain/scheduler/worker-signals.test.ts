import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppScope } from "../../core/scope";
import { startWorker } from "../../../test/helpers/spawn-worker";
import { createTestDatabase } from "../../../test/helpers/test-db";
import { startReceiver } from "../../../test/helpers/webhook-receiver";

// `latchkey worker` as its own process, stopped by the signals a terminal's Ctrl-C sends: one
// to the worker, and the same one again through bin/latchkey.mjs. Neither cuts a send short.

const databaseUrl = await createTestDatabase();
process.env.LATCHKEY_SECRET = "worker-signals-test-secret";

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb } = await import("../../platform/db");
const { createApiKey, revokeApiKey } = await import("../keys/service");
const { rotateWebhookSigningSecret } = await import("../webhooks/signing-secret");
const { DELIVERY_CONCURRENCY_PER_ORIGIN } = await import("./delivery-lane");
const { runSchedulerPass } = await import("./run-pass");

const receiver = await startReceiver();
let scope: AppScope & { projectId: string };

beforeAll(async () => {
  const r = await bootstrap({ team: "Signals", app: "Signals app", project: "Signals project" });
  scope = {
    teamId: r.team_id,
    appId: r.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: null, userAgent: null },
    projectId: r.project_id,
  };
  receiver.secrets.push((await rotateWebhookSigningSecret(scope, scope.projectId)).secret);
});
afterAll(async () => {
  receiver.close();
  await disconnectDb();
});

describe("latchkey worker", () => {
  it("stopped by two signals mid-delivery, finishes its sends and exits: every message is delivered exactly once", async () => {
    receiver.delay("/slow", 1500);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { row } = await createApiKey(scope, {
        project_id: scope.projectId,
        name: `signal-${i}`,
        rotation_webhook_url: receiver.url("/slow"),
      });
      await revokeApiKey(scope, row.id);
      ids.push((await db().webhookMessage.findFirstOrThrow({ where: { keyId: row.id } })).id);
    }
    const worker = await startWorker({ databaseUrl, env: { LATCHKEY_SCHEDULER_INTERVAL_SECONDS: "1" } });
    await expect.poll(() => receiver.on("/slow").length, { timeout: 20_000 }).toBe(DELIVERY_CONCURRENCY_PER_ORIGIN);

    // Mid-send, Ctrl-C: SIGINT from the terminal, and the same again forwarded by bin/latchkey.mjs.
    worker.signal("SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 100));
    worker.signal("SIGINT");
    expect(await worker.exited, worker.log()).toEqual({ code: 0, signal: null });
    expect(worker.log()).toContain("SIGINT: already stopping");

    // The sends in flight were answered and recorded; nothing else was started, and nothing is left leased.
    const after = await db().webhookMessage.findMany({ where: { id: { in: ids } } });
    const delivered = after.filter((m) => m.status === "succeeded");
    expect(delivered.map((m) => m.id).sort()).toEqual(
      receiver
        .on("/slow")
        .map((r) => r.id)
        .sort(),
    );
    expect(after.filter((m) => m.status === "pending" && m.attempts === 0)).toHaveLength(ids.length - delivered.length);
    expect(after.filter((m) => m.leaseOwner !== null)).toEqual([]);

    // Another worker, a minute later (any lease would have run out), sends the rest and no message again.
    await db().webhookMessage.updateMany({
      where: { id: { in: ids }, leaseExpiresAt: { not: null } },
      data: { leaseExpiresAt: new Date(Date.now() - 1) },
    });
    await runSchedulerPass({ workerId: "next-worker" });
    const received = receiver.on("/slow").map((r) => r.id);
    expect(received.sort()).toEqual([...ids].sort());
    expect(await db().webhookMessage.count({ where: { id: { in: ids }, status: "succeeded", attempts: 1 } })).toBe(ids.length);
  }, 90_000);
});
