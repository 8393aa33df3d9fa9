import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/test-db";

await createTestDatabase();

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb } = await import("../../platform/db");
const { newId } = await import("../../core/ids");
const { runTeamAction } = await import("../../http/actions/team-action");
const { processVerifier } = await import("../../http/api/process-verifier");
const authenticateAppKey = (token: string) =>
  processVerifier().authorize({ get: (name) => (name === "authorization" ? `Bearer ${token}` : null) }, "keys:read");
const { createApiKey } = await import("../keys/service");
const verifyApiKey = (...args: Parameters<ReturnType<typeof processVerifier>["verify"]>) => processVerifier().verify(...args);
const { getMembership, listMemberships, signInUser } = await import("./members");
const { createTeamSchema, deleteTeamSchema } = await import("./schemas");
const { createTeam, deleteTeam } = await import("./service");
const { DEMO_TEAM } = await import("../accounts/demo-users");

const request = { ipAddress: "127.0.0.1", userAgent: "vitest" };
afterAll(() => disconnectDb());

describe("createTeam", () => {
  it("makes the caller the owner of a new team, with its own slug, and records it", async () => {
    const user = await signInUser({ email: "founder@create.example", name: "Fay Founder" });
    const team = await createTeam({ type: "user", id: user.id }, request, createTeamSchema.parse({ name: "  Skunkworks  " }));
    expect(team).toMatchObject({ name: "Skunkworks", slug: "skunkworks" });
    expect((await getMembership(user.id, team.slug)).role).toBe("owner");
    const again = await createTeam({ type: "user", id: user.id }, request, { name: "Skunkworks" });
    expect(again.slug).toMatch(/^skunkworks-[a-z0-9]{6}$/);
    expect(await db().auditEvent.count({ where: { teamId: team.id, action: "team.created", actorId: user.id } })).toBe(1);
  });
});

describe("deleteTeam", () => {
  async function teamWithKeys(label: string) {
    const owner = await signInUser({ email: `owner@${label}.example`, name: "Owner" });
    const boot = await bootstrap({ team: `${label} team`, app: `${label} app`, project: `${label} project` });
    await db().membership.create({ data: { id: newId("membership"), teamId: boot.team_id, userId: owner.id, role: "owner" } });
    const admin = await signInUser({ email: `admin@${label}.example`, name: "Admin" });
    await db().membership.create({ data: { id: newId("membership"), teamId: boot.team_id, userId: admin.id, role: "admin" } });
    const team = await db().team.findUniqueOrThrow({ where: { id: boot.team_id } });
    const scope = { teamId: team.id, appId: boot.app_id, actor: { type: "user" as const, id: owner.id }, request };
    const { plaintext } = await createApiKey(scope, { project_id: boot.project_id, name: "live" });
    return { owner, admin, team, boot, scope, plaintext };
  }
  const caller = (userId: string, teamSlug: string) => ({ userId, teamSlug, request });
  const remove = (userId: string, teamSlug: string, input: unknown) =>
    runTeamAction(caller(userId, teamSlug), "team:delete", deleteTeamSchema, input, deleteTeam);

  it("is for owners only, and asks for the team's name exactly", async () => {
    const { owner, admin, team } = await teamWithKeys("guarded");
    expect(await remove(admin.id, team.slug, { confirm_name: team.name })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await remove(owner.id, team.slug, { confirm_name: team.name.toUpperCase() })).toMatchObject({
      ok: false,
      error: { code: "invalid_request", field: "confirm_name" },
    });
    const outsider = await signInUser({ email: "someone@else.example", name: "Else" });
    expect(await remove(outsider.id, team.slug, { confirm_name: team.name })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await db().app.count({ where: { teamId: team.id } })).toBe(1);
  });

  it("takes the apps and keys with it, and every cached key of the team stops verifying at once", async () => {
    const { owner, admin, team, boot, scope, plaintext } = await teamWithKeys("doomed");
    // Both keys are in this instance's cache before the team goes.
    expect((await verifyApiKey(scope, { key: plaintext })).code).toBe("VALID");
    expect(await authenticateAppKey(boot.api_key)).toMatchObject({ teamId: team.id });

    expect(await remove(owner.id, team.slug, { confirm_name: team.name })).toEqual({ ok: true, data: undefined });

    expect((await verifyApiKey(scope, { key: plaintext })).code).toBe("NOT_FOUND");
    await expect((async () => authenticateAppKey(boot.api_key))()).rejects.toMatchObject({ code: "unauthorized" });
    expect(await db().app.count({ where: { teamId: team.id } })).toBe(0);
    expect(await db().apiKey.count({ where: { appId: boot.app_id } })).toBe(0);
    expect(await db().appApiKey.count({ where: { appId: boot.app_id } })).toBe(0);
    // Nobody can reach it any more: no member, no slug to find it by, no domain to join it by.
    for (const user of [owner, admin]) {
      expect((await listMemberships(user.id)).map((m) => m.team.id)).not.toContain(team.id);
      await expect(getMembership(user.id, team.slug)).rejects.toMatchObject({ code: "not_found" });
    }
    expect(await db().team.findUnique({ where: { slug: team.slug } })).toBeNull();
    // Its audit log is kept, ending with the deletion and who did it.
    const last = await db().auditEvent.findFirstOrThrow({ where: { teamId: team.id }, orderBy: { createdAt: "desc" } });
    expect(last).toMatchObject({ action: "team.deleted", actorId: owner.id, ipAddress: "127.0.0.1" });
    expect(JSON.parse(last.metadata)).toMatchObject({ name: team.name, slug: team.slug, apps: 1, keys: 1, members: 2 });
    // Its slug is free again.
    const reborn = await createTeam({ type: "user", id: owner.id }, request, { name: team.name });
    expect(reborn.slug).toBe(team.slug);
  });
});

describe("bootstrap --owner-email", () => {
  it("lets whoever signs in with that email own the team, whether or not they signed in before", async () => {
    const fresh = await bootstrap({ team: "Headless", app: "App", project: "Project", ownerEmail: "Ops@Headless.example" });
    expect(fresh.owner_email).toBe("ops@headless.example");
    const ops = await signInUser({ email: "ops@headless.example", name: "Olga Ops", emailVerified: true });
    const teams = await listMemberships(ops.id);
    expect(teams.find((m) => m.team.id === fresh.team_id)?.role).toBe("owner");
    // The rest of a first sign-in happened too: a personal team; and the name arrives with the sign-in.
    expect(teams).toHaveLength(2);
    expect((await db().user.findUniqueOrThrow({ where: { id: ops.id } })).name).toBe("Olga Ops");

    const returning = await signInUser({ email: "dev@headless.example", name: "Dev" });
    const second = await bootstrap({ team: "Headless two", app: "App", project: "Project", ownerEmail: "dev@headless.example" });
    expect((await getMembership(returning.id, (await db().team.findUniqueOrThrow({ where: { id: second.team_id } })).slug)).role).toBe(
      "owner",
    );
    const joined = await db().auditEvent.findFirstOrThrow({ where: { teamId: second.team_id, action: "member.joined" } });
    expect(JSON.parse(joined.metadata)).toMatchObject({ email: "dev@headless.example", role: "owner", via: "bootstrap" });
  });

  it("gives a demo user named in advance the demo team too, as their own first sign-in would", async () => {
    const result = await bootstrap({ team: "Demo-owned", app: "App", project: "Project", ownerEmail: "viewer@demo.latchkey.test" });
    const viewer = await signInUser({ email: "viewer@demo.latchkey.test", name: "Victor Viewer" });
    const roles = Object.fromEntries((await listMemberships(viewer.id)).map((m) => [m.team.id, m.role]));
    expect(roles[result.team_id]).toBe("owner");
    expect((await getMembership(viewer.id, DEMO_TEAM.slug)).role).toBe("viewer");
  });

  it("without it, nobody is a member of the team", async () => {
    const result = await bootstrap({ team: "Nobody's", app: "App", project: "Project" });
    expect(result.owner_email).toBeUndefined();
    expect(await db().membership.count({ where: { teamId: result.team_id } })).toBe(0);
  });
});
