import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/test-db";

await createTestDatabase();
process.env.LATCHKEY_SECRET = "loop-test-server-secret";

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb } = await import("../db");
const { startScheduler } = await import("./loop");

afterAll(() => disconnectDb());

describe("startScheduler", () => {
  it("runs passes until stopped and logs what they did; none runs after stop", async () => {
    const tenant = await bootstrap({ team: "Loop", app: "Loop app", project: "Loop project" });
    const environment = tenant.environments[0]!;
    const lines: string[] = [];
    const scheduler = startScheduler({ intervalMs: 20, log: (line) => lines.push(line) });
    // A key that falls due while the loop runs is rotated by a later pass.
    await db().apiKey.create({
      data: { id: "key_loop", appId: tenant.app_id, projectId: tenant.project_id, environmentId: environment.id, name: "loop", keyPrefix: "lk_live_loop0000", keyHash: "loop-hash", createdBy: "test", rotationIntervalDays: 1, nextRotationAt: new Date(Date.now() - 1000) },
    });
    await expect.poll(() => lines.join("\n"), { timeout: 10_000 }).toContain("rotated key_loop");
    await scheduler.stop();
    const logged = lines.length;
    expect(await db().apiKey.count({ where: { name: "loop" } })).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines).toHaveLength(logged);
    expect(scheduler.workerId).toMatch(/:\d+:/);
  });
});
