import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/test-db";

await createTestDatabase();

const { db, disconnectDb } = await import("../../platform/db");
const { newId } = await import("../../core/ids");
const { signInUser } = await import("../../domain/teams/members");
const { runTeamAction } = await import("./team-action");
const { createAppSchema, deleteAppSchema, renameAppSchema } = await import("../../domain/apps/schemas");
const { createApp, deleteApp, renameApp } = await import("../../domain/apps/service");
import type { TeamRole } from "../../domain/teams/roles";

// Server actions run through runTeamAction; these are the same calls the console's actions make.
const request = { ipAddress: "127.0.0.1", userAgent: "vitest" };
const actions = {
  create: (userId: string | null, team: string, input: unknown) =>
    runTeamAction({ userId, teamSlug: team, request }, "apps:write", createAppSchema, input, createApp),
  rename: (userId: string | null, team: string, input: unknown) =>
    runTeamAction({ userId, teamSlug: team, request }, "apps:write", renameAppSchema, input, renameApp),
  remove: (userId: string | null, team: string, input: unknown) =>
    runTeamAction({ userId, teamSlug: team, request }, "apps:write", deleteAppSchema, input, deleteApp),
};

const users = {} as Record<TeamRole | "outsider", string>;
let teamA: { id: string; slug: string };
let teamB: { id: string; slug: string };

beforeAll(async () => {
  const owner = await signInUser({ email: "owner@a.example", name: "Ann" });
  teamA = (await db().team.findFirstOrThrow({ where: { memberships: { some: { userId: owner.id } } } }))!;
  users.owner = owner.id;
  for (const role of ["admin", "developer", "viewer"] as const) {
    const user = await signInUser({ email: `${role}@a.example`, name: role });
    await db().membership.create({ data: { id: newId("membership"), teamId: teamA.id, userId: user.id, role } });
    users[role] = user.id;
  }
  const outsider = await signInUser({ email: "owner@b.example", name: "Bob" });
  teamB = await db().team.findFirstOrThrow({ where: { memberships: { some: { userId: outsider.id } } } });
  users.outsider = outsider.id;
});
afterAll(() => disconnectDb());

describe("app actions", () => {
  it.each([
    ["owner", true],
    ["admin", true],
    ["developer", false],
    ["viewer", false],
  ] as const)("%s may create, rename and delete apps: %s", async (role, allowed) => {
    const created = await actions.create(users[role], teamA.slug, { name: `${role}'s app` });
    expect(created.ok).toBe(allowed);
    if (!allowed) {
      expect(created).toMatchObject({ ok: false, error: { code: "forbidden" } });
      const app = await createApp({ teamId: teamA.id, actor: { type: "system", id: "test" }, request }, { name: "fixture" });
      expect(await actions.rename(users[role], teamA.slug, { app_id: app.id, name: "x" })).toMatchObject({ error: { code: "forbidden" } });
      expect(await actions.remove(users[role], teamA.slug, { app_id: app.id, confirm_name: "fixture" })).toMatchObject({
        error: { code: "forbidden" },
      });
      expect((await db().app.findUniqueOrThrow({ where: { id: app.id } })).name).toBe("fixture");
      return;
    }
    if (!created.ok) throw new Error("unreachable");
    expect(await actions.rename(users[role], teamA.slug, { app_id: created.data.id, name: "renamed" })).toMatchObject({
      ok: true,
      data: { name: "renamed" },
    });
    expect(await actions.remove(users[role], teamA.slug, { app_id: created.data.id, confirm_name: "wrong" })).toMatchObject({
      error: {
        code: "invalid_request",
        field: "confirm_name",
        details: [{ field: "confirm_name", message: "type the app's name exactly to confirm" }],
      },
    });
    expect(await actions.remove(users[role], teamA.slug, { app_id: created.data.id, confirm_name: "renamed" })).toEqual({
      ok: true,
      data: undefined,
    });
    expect(await db().app.findUnique({ where: { id: created.data.id } })).toBeNull();
    const audit = await db().auditEvent.findMany({ where: { targetId: created.data.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ["app.created", users[role]],
      ["app.renamed", users[role]],
      ["app.deleted", users[role]],
    ]);
  });

  it("reads another team's app, team and guessed ids as not found", async () => {
    const created = await actions.create(users.owner, teamA.slug, { name: "A's secret app" });
    if (!created.ok) throw new Error("setup failed");
    const appId = created.data.id;
    // The outsider, through the other team's slug, and through their own team with A's app id.
    expect(await actions.create(users.outsider, teamA.slug, { name: "intruder" })).toMatchObject({ error: { code: "not_found" } });
    expect(await actions.rename(users.outsider, teamA.slug, { app_id: appId, name: "pwned" })).toMatchObject({
      error: { code: "not_found" },
    });
    expect(await actions.rename(users.outsider, teamB.slug, { app_id: appId, name: "pwned" })).toMatchObject({
      error: { code: "not_found" },
    });
    expect(await actions.remove(users.outsider, teamB.slug, { app_id: appId, confirm_name: "A's secret app" })).toMatchObject({
      error: { code: "not_found" },
    });
    expect(await actions.rename(users.owner, teamA.slug, { app_id: "app_guessed", name: "x" })).toMatchObject({
      error: { code: "not_found" },
    });
    expect(await actions.create(users.owner, "no-such-team", { name: "x" })).toMatchObject({ error: { code: "not_found" } });
    expect((await db().app.findUniqueOrThrow({ where: { id: appId } })).name).toBe("A's secret app");
  });

  it("refuses signed-out callers and bad input, naming the field", async () => {
    expect(await actions.create(null, teamA.slug, { name: "x" })).toMatchObject({ error: { code: "unauthorized" } });
    // The toast's sentence names the field; the form shows the field's own message beside it.
    expect(await actions.create(users.owner, teamA.slug, { name: "" })).toMatchObject({
      error: {
        code: "invalid_request",
        message: "name: must not be empty",
        field: "name",
        details: [{ field: "name", message: "must not be empty" }],
      },
    });
    expect(await actions.create(users.owner, teamA.slug, { name: "x", team_id: teamB.id })).toMatchObject({
      error: { code: "invalid_request", field: "team_id" },
    });
  });
});
