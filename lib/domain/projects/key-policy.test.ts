import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppScope } from "../../core/scope";
import { createTestSqliteDatabase } from "../../../test/helpers/test-db";
import { refusal } from "../../../test/helpers/refusal";

createTestSqliteDatabase();

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb } = await import("../../platform/db");
const { createApiKey } = await import("../keys/service");
const { getKeyPolicy, updateKeyPolicy } = await import("./key-policy");

const request = { ipAddress: null, userAgent: null };
let a: AppScope & { projectId: string; liveId: string; testId: string };
let b: AppScope & { projectId: string; liveId: string };

async function tenant(name: string) {
  const r = await bootstrap({ team: name, app: `${name} app`, project: `${name} project` });
  return {
    teamId: r.team_id,
    appId: r.app_id,
    actor: { type: "system" as const, id: "test" },
    request,
    projectId: r.project_id,
    liveId: r.environments.find((e) => e.name === "production")!.id,
    testId: r.environments.find((e) => e.name === "development")!.id,
  };
}

beforeAll(async () => {
  a = await tenant("Policy A");
  b = await tenant("Policy B");
});
afterAll(() => disconnectDb());

describe("a project's key policy", () => {
  it("starts empty, with every environment free of a required expiry", async () => {
    expect(await getKeyPolicy(a, a.projectId)).toEqual({
      project_id: a.projectId,
      default_rotation_interval_days: null,
      default_grace_period_seconds: null,
      max_key_lifetime_days: null,
      disable_after_unused_days: null,
      on_leak: "disable",
      environments: [
        { id: a.liveId, name: "production", require_expiry: false },
        { id: a.testId, name: "development", require_expiry: false },
      ],
    });
  });

  it("changes only the given settings, records before and after, and is enforced on new keys", async () => {
    const after = await updateKeyPolicy(a, a.projectId, {
      default_rotation_interval_days: 30,
      max_key_lifetime_days: 90,
      environments: [{ id: a.testId, require_expiry: true }],
    });
    expect(after).toMatchObject({ default_rotation_interval_days: 30, default_grace_period_seconds: null, max_key_lifetime_days: 90 });
    expect(after.environments.find((e) => e.id === a.testId)?.require_expiry).toBe(true);
    expect(after.environments.find((e) => e.id === a.liveId)?.require_expiry).toBe(false);

    const audit = await db().auditEvent.findFirstOrThrow({ where: { targetId: a.projectId, action: "project.key_policy_updated" } });
    const metadata = JSON.parse(audit.metadata);
    expect(metadata.before).toMatchObject({ default_rotation_interval_days: null, max_key_lifetime_days: null });
    expect(metadata.after).toMatchObject({ default_rotation_interval_days: 30, max_key_lifetime_days: 90 });
    expect(audit).toMatchObject({ teamId: a.teamId, appId: a.appId, actorType: "system" });

    expect(await refusal(createApiKey(a, { project_id: a.projectId, name: "forever" }))).toMatchObject({
      code: "invalid_request",
      field: "expires_at",
    });
    const made = await createApiKey(a, { project_id: a.projectId, name: "short", expires_at: new Date(Date.now() + 10 * 86_400_000) });
    expect(made.row.rotationIntervalDays).toBe(30);

    // null clears; an absent field stays.
    const cleared = await updateKeyPolicy(a, a.projectId, { max_key_lifetime_days: null, default_grace_period_seconds: 600 });
    expect(cleared).toMatchObject({ default_rotation_interval_days: 30, default_grace_period_seconds: 600, max_key_lifetime_days: null });
  });

  it("refuses an environment of another project, naming it, and changes nothing", async () => {
    const before = await getKeyPolicy(a, a.projectId);
    expect(
      await refusal(
        updateKeyPolicy(a, a.projectId, {
          default_rotation_interval_days: 7,
          environments: [
            { id: a.liveId, require_expiry: true },
            { id: b.liveId, require_expiry: true },
          ],
        }),
      ),
    ).toMatchObject({
      code: "invalid_request",
      field: "environments.1.id",
    });
    expect(await getKeyPolicy(a, a.projectId)).toEqual(before);
    expect((await getKeyPolicy(b, b.projectId)).environments.every((e) => !e.require_expiry)).toBe(true);
  });

  it("reads another app's project, or a guessed one, as not found", async () => {
    expect(await refusal(getKeyPolicy(a, b.projectId))).toMatchObject({ code: "not_found", field: undefined });
    expect(await refusal(updateKeyPolicy(a, b.projectId, { default_rotation_interval_days: 1 }))).toMatchObject({
      code: "not_found",
      field: undefined,
    });
    expect(await refusal(getKeyPolicy(a, "prj_guessed"))).toMatchObject({ code: "not_found", field: undefined });
    expect((await getKeyPolicy(b, b.projectId)).default_rotation_interval_days).toBeNull();
  });
});
