import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSqliteDatabase } from "../../../test/helpers/test-db";

createTestSqliteDatabase();

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb } = await import("../../platform/db");
const { createApiKey, updateApiKey } = await import("../keys/service");
const { rotateApiKey } = await import("../keys/rotate");
import type { AppScope } from "../../core/scope";
import { refusal } from "../../../test/helpers/refusal";

const DAY = 86_400_000;
let scope: AppScope & { projectId: string; liveId: string; testId: string };

beforeAll(async () => {
  const result = await bootstrap({ team: "Policy", app: "Policy app", project: "Policy project" });
  scope = {
    teamId: result.team_id,
    appId: result.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: null, userAgent: null },
    projectId: result.project_id,
    liveId: result.environments.find((e) => e.name === "production")!.id,
    testId: result.environments.find((e) => e.name === "development")!.id,
  };
});
afterAll(() => disconnectDb());

async function setPolicy(data: { defaultRotationIntervalDays?: number | null; maxKeyLifetimeDays?: number | null }) {
  await db().project.update({ where: { id: scope.projectId }, data });
}

describe("the project's key policy", () => {
  it("gives new keys the default rotation interval, unless they ask for none", async () => {
    await setPolicy({ defaultRotationIntervalDays: 30 });
    const defaulted = await createApiKey(scope, { project_id: scope.projectId, name: "defaulted" });
    expect(defaulted.row.rotationIntervalDays).toBe(30);
    expect(defaulted.row.nextRotationAt!.getTime() - defaulted.row.createdAt.getTime()).toBe(30 * DAY);
    expect(
      (await createApiKey(scope, { project_id: scope.projectId, name: "own", rotation_interval_days: 7 })).row.rotationIntervalDays,
    ).toBe(7);
    expect(
      (await createApiKey(scope, { project_id: scope.projectId, name: "none", rotation_interval_days: null })).row.rotationIntervalDays,
    ).toBeNull();
    await setPolicy({ defaultRotationIntervalDays: null });
  });

  it("refuses a key without an expiry, or one past the maximum lifetime, with a 400 naming expires_at", async () => {
    await setPolicy({ maxKeyLifetimeDays: 90 });
    const missing = await refusal(createApiKey(scope, { project_id: scope.projectId, name: "forever" }));
    expect(missing).toMatchObject({ code: "invalid_request", field: "expires_at", message: expect.stringContaining("within 90 days") });
    const tooLate = await refusal(
      createApiKey(scope, { project_id: scope.projectId, name: "late", expires_at: new Date(Date.now() + 91 * DAY) }),
    );
    expect(tooLate).toMatchObject({
      code: "invalid_request",
      field: "expires_at",
      message: expect.stringContaining("maximum key lifetime"),
    });
    const { row } = await createApiKey(scope, { project_id: scope.projectId, name: "ok", expires_at: new Date(Date.now() + 89 * DAY) });

    // Counted from the key's creation, on update too.
    expect(await refusal(updateApiKey(scope, row.id, { expires_at: new Date(row.createdAt.getTime() + 91 * DAY) }))).toMatchObject({
      field: "expires_at",
    });
    expect(await refusal(updateApiKey(scope, row.id, { expires_at: null }))).toMatchObject({ field: "expires_at" });
    expect(await refusal(updateApiKey(scope, row.id, { name: "renamed" }))).toBeNull();
    await setPolicy({ maxKeyLifetimeDays: null });
  });

  it("keeps a replacement key within a maximum lifetime set after the old key was made", async () => {
    const { row } = await createApiKey(scope, { project_id: scope.projectId, name: "long", expires_at: new Date(Date.now() + 365 * DAY) });
    const unlimited = await createApiKey(scope, { project_id: scope.projectId, name: "unlimited" });
    await setPolicy({ maxKeyLifetimeDays: 30 });
    const { created } = await rotateApiKey(scope, row.id, {});
    expect(created.expiresAt!.getTime() - created.createdAt.getTime()).toBe(30 * DAY);
    const replaced = await rotateApiKey(scope, unlimited.row.id, {});
    expect(replaced.created.expiresAt!.getTime() - replaced.created.createdAt.getTime()).toBe(30 * DAY);
    await setPolicy({ maxKeyLifetimeDays: null });
  });

  it("requires an expiry in an environment that asks for one, and only there", async () => {
    await db().environment.update({ where: { id: scope.liveId }, data: { requireExpiry: true } });
    expect(await refusal(createApiKey(scope, { project_id: scope.projectId, name: "live" }))).toMatchObject({
      field: "expires_at",
      message: expect.stringContaining("production environment"),
    });
    expect(
      await refusal(createApiKey(scope, { project_id: scope.projectId, name: "live", expires_at: new Date(Date.now() + DAY) })),
    ).toBeNull();
    expect(await refusal(createApiKey(scope, { project_id: scope.projectId, name: "dev", environment_id: scope.testId }))).toBeNull();
  });
});
