import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/test-db";

await createTestDatabase();

const { db, disconnectDb } = await import("../../platform/db");
const { newId } = await import("../../core/ids");
const { signInUser } = await import("../../domain/teams/members");
const { roleCan } = await import("../../domain/teams/permissions");
const { createApp } = await import("../../domain/apps/service");
const { createProject } = await import("../../domain/projects/service");
const { createApiKey } = await import("../../domain/keys/service");
const { rotateApiKey } = await import("../../domain/keys/rotate");
const { createAppApiKey } = await import("../../domain/app-keys/service");
const { runOperation } = await import("./run-operation");
const { OPERATION_LIST } = await import("../../domain/catalogue");
import type { OperationName } from "../../domain/catalogue";
import type { TeamRole } from "../../domain/teams/roles";

// Every console operation of the catalogue on an app's resources, action or read, tried by every
// role and across teams. Allowed exactly where lib/domain/teams/permissions.ts allows it; another
// team's ids, a mix of the two, and guessed ids all read as not found and change nothing.

const request = { ipAddress: "127.0.0.1", userAgent: "vitest" };
const ROLES = ["owner", "admin", "developer", "viewer"] as const;
const users = {} as Record<TeamRole | "outsider", string>;
const teams = {} as Record<"a" | "b", { id: string; slug: string }>;

type Fixture = {
  appId: string;
  projectId: string;
  projectName: string;
  keyId: string;
  appKeyId: string;
  messageId: string;
  endpointId: string;
};

async function fixture(team: { id: string }): Promise<Fixture> {
  const scope = { teamId: team.id, actor: { type: "system" as const, id: "test" }, request };
  const app = await createApp(scope, { name: "Fixture app" });
  const appScope = { ...scope, appId: app.id };
  const project = await createProject(appScope, { name: `Project ${newId("project").slice(-6)}` });
  const key = await createApiKey(appScope, { project_id: project.id, name: "Fixture key", credits: { remaining: 100 } });
  const appKey = await createAppApiKey(appScope, { name: "Fixture app key", role: "admin" });
  const { createWebhookEndpoint } = await import("../../domain/webhooks/endpoints");
  const endpoint = await createWebhookEndpoint(appScope, project.id, {
    url: "https://hooks.example.com/fixture-endpoint",
    events: ["api_key.created"],
  });
  // A rotated key with a webhook: one api_key.rotated message in the outbox, its new key held.
  const hooked = await createApiKey(appScope, {
    project_id: project.id,
    name: "Hooked key",
    rotation_webhook_url: "https://hooks.example.com/fixture",
  });
  const { messageId } = await rotateApiKey(appScope, hooked.row.id, { grace_period_seconds: 600 });
  return {
    appId: app.id,
    projectId: project.id,
    projectName: project.name,
    keyId: key.row.id,
    appKeyId: appKey.row.id,
    messageId: messageId!,
    endpointId: endpoint.id,
  };
}

const APP_OPERATIONS = OPERATION_LIST.filter((entry) => entry.console && entry.tenant === "app");
type AppOperationName = OperationName;

// A valid input for each operation, about the resources of a fixture.
const INPUTS: Partial<Record<AppOperationName, (f: Fixture) => Record<string, unknown>>> = {
  createProject: (f) => ({ app_id: f.appId, name: "New project" }),
  renameProject: (f) => ({ app_id: f.appId, project_id: f.projectId, name: "Renamed project" }),
  deleteProject: (f) => ({ app_id: f.appId, project_id: f.projectId, confirm_name: f.projectName }),
  createAppApiKey: (f) => ({ app_id: f.appId, name: "New app key", role: "verifier" }),
  updateAppApiKey: (f) => ({ app_id: f.appId, key_id: f.appKeyId, name: "Renamed app key" }),
  deleteAppApiKey: (f) => ({ app_id: f.appId, key_id: f.appKeyId }),
  createApiKey: (f) => ({ app_id: f.appId, project_id: f.projectId, name: "New key" }),
  updateApiKey: (f) => ({ app_id: f.appId, key_id: f.keyId, changes: { name: "Renamed key", scopes: ["x"] } }),
  revokeApiKey: (f) => ({ app_id: f.appId, key_id: f.keyId }),
  rotateApiKey: (f) => ({ app_id: f.appId, key_id: f.keyId, grace_period_seconds: 60 }),
  changeApiKeyCredits: (f) => ({ app_id: f.appId, key_id: f.keyId, change: { op: "set", amount: 7 } }),
  createWebhookEndpoint: (f) => ({
    app_id: f.appId,
    project_id: f.projectId,
    url: "https://hooks.example.com/new",
    events: ["api_key.revoked", "api_key.leaked"],
  }),
  deleteWebhookEndpoint: (f) => ({ app_id: f.appId, project_id: f.projectId, endpoint_id: f.endpointId }),
  revokeSelectedKeys: (f) => ({ app_id: f.appId, project_id: f.projectId, ids: [f.keyId] }),
  setSelectedKeysEnabled: (f) => ({ app_id: f.appId, project_id: f.projectId, ids: [f.keyId], enabled: false }),
  updateKeyPolicy: (f) => ({
    app_id: f.appId,
    project_id: f.projectId,
    changes: { default_rotation_interval_days: 30, max_key_lifetime_days: 365 },
  }),
  rotateWebhookSigningSecret: (f) => ({ app_id: f.appId, project_id: f.projectId }),
  redeliverWebhookMessage: (f) => ({ app_id: f.appId, project_id: f.projectId, message_id: f.messageId }),
  // The console's reads: a page of the keys table, usage charts, the delivery log.
  listProjectKeys: (f) => ({ app_id: f.appId, project_id: f.projectId, q: "Fixture" }),
  getApiKeyUsage: (f) => ({ app_id: f.appId, key_id: f.keyId, window: "7d" }),
  getProjectUsage: (f) => ({ app_id: f.appId, project_id: f.projectId, window: "24h" }),
  listWebhookDeliveries: (f) => ({ app_id: f.appId, project_id: f.projectId, limit: "5" }),
};
const NAMES = APP_OPERATIONS.map((entry) => entry.name as AppOperationName);
const WRITES = APP_OPERATIONS.filter((entry) => entry.console?.action).map((entry) => entry.name as AppOperationName);
// Operations whose input names a resource inside the app, besides the app itself.
const WITH_INNER_IDS = NAMES.filter((name) => !["createProject", "createAppApiKey"].includes(name));
const permissionOf = (name: AppOperationName) => APP_OPERATIONS.find((entry) => entry.name === name)!.console!.permission!;
const inputOf = (name: AppOperationName, f: Fixture) => INPUTS[name]!(f);

const run = (name: AppOperationName, userId: string, teamSlug: string, input: unknown) =>
  runOperation({ userId, teamSlug, request }, name, input);

/** Everything a fixture holds, to prove a refused action changed nothing. */
async function snapshot(f: Fixture) {
  const [app, projects, keys, appKeys, environments, messages, secrets, endpoints] = await Promise.all([
    db().app.findUnique({ where: { id: f.appId } }),
    db().project.findMany({ where: { appId: f.appId }, orderBy: { id: "asc" } }),
    db().apiKey.findMany({ where: { appId: f.appId }, orderBy: { id: "asc" } }),
    db().appApiKey.findMany({ where: { appId: f.appId }, orderBy: { id: "asc" } }),
    db().environment.findMany({ where: { project: { appId: f.appId } }, orderBy: { id: "asc" } }),
    db().webhookMessage.findMany({ where: { appId: f.appId }, orderBy: { id: "asc" }, include: { deliveryAttempts: true } }),
    db().webhookSigningSecret.findMany({ where: { project: { appId: f.appId } }, orderBy: { projectId: "asc" } }),
    db().webhookEndpoint.findMany({ where: { appId: f.appId }, orderBy: { id: "asc" } }),
  ]);
  return { app, projects, keys, appKeys, environments, messages, secrets, endpoints };
}

beforeAll(async () => {
  const owner = await signInUser({ email: "owner@a.example", name: "Ann" });
  teams.a = await db().team.findFirstOrThrow({ where: { memberships: { some: { userId: owner.id } } } });
  users.owner = owner.id;
  for (const role of ["admin", "developer", "viewer"] as const) {
    const user = await signInUser({ email: `${role}@a.example`, name: role });
    await db().membership.create({ data: { id: newId("membership"), teamId: teams.a.id, userId: user.id, role } });
    users[role] = user.id;
  }
  const outsider = await signInUser({ email: "owner@b.example", name: "Bob" });
  teams.b = await db().team.findFirstOrThrow({ where: { memberships: { some: { userId: outsider.id } } } });
  users.outsider = outsider.id;
});
afterAll(() => disconnectDb());

describe("console app operations follow the permission table", () => {
  it.each(NAMES.flatMap((name) => ROLES.map((role) => [name, role] as const)))("%s by %s", async (name, role) => {
    const f = await fixture(teams.a);
    const before = await snapshot(f);
    const result = await run(name, users[role], teams.a.slug, inputOf(name, f));
    if (roleCan(role, permissionOf(name))) {
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
      // A read changes nothing and leaves no audit row of its own.
      if (!WRITES.includes(name)) return expect(await snapshot(f)).toEqual(before);
      const audit = await db().auditEvent.findFirst({
        where: { teamId: teams.a.id, actorId: users[role] },
        orderBy: { createdAt: "desc" },
      });
      expect(audit?.appId).toBe(f.appId);
    } else {
      expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await snapshot(f)).toEqual(before);
    }
  });
});

/** Each string of an input, by its path (`changes.scopes.0`), with a lone UTF-16 surrogate appended. */
function withLoneSurrogates(input: unknown, path = ""): { field: string; input: unknown }[] {
  if (typeof input === "string") return [{ field: path, input: `${input}\ud800` }];
  if (typeof input !== "object" || input === null) return [];
  const entries = Object.entries(input);
  return entries.flatMap(([key, value]) =>
    withLoneSurrogates(value, path ? `${path}.${key}` : key).map((variant) => {
      const copy = (Array.isArray(input) ? [...input] : { ...input }) as Record<string, unknown>;
      copy[key] = variant.input;
      return { field: variant.field, input: copy };
    }),
  );
}

describe("console app operations refuse odd strings", () => {
  it.each(WRITES)("%s: a lone surrogate in any string input is refused, naming the field, and changes nothing", async (name) => {
    const f = await fixture(teams.a);
    const before = await snapshot(f);
    const variants = withLoneSurrogates(inputOf(name, f));
    expect(variants.length).toBeGreaterThan(0);
    for (const variant of variants) {
      const result = await run(name, users.owner, teams.a.slug, variant.input);
      expect(result, variant.field).toMatchObject({ ok: false, error: { code: "invalid_request", field: variant.field } });
    }
    expect(await snapshot(f)).toEqual(before);
  });
});

describe("console app operations keep teams apart", () => {
  it.each(NAMES)("%s: another team's ids, mixed ids and guessed ids read as not found and change nothing", async (name) => {
    const [fa, fb] = [await fixture(teams.a), await fixture(teams.b)];
    const [beforeA, beforeB] = [await snapshot(fa), await snapshot(fb)];
    const tries = [
      // An outsider through the team's own slug, and through their team with its app's ids.
      run(name, users.outsider, teams.a.slug, inputOf(name, fa)),
      run(name, users.outsider, teams.b.slug, inputOf(name, fa)),
      // The team's owner reaching for the other team's app, through their own team.
      run(name, users.owner, teams.a.slug, inputOf(name, fb)),
      run(name, users.owner, teams.a.slug, inputOf(name, { ...fa, appId: "app_guessed0000000000000" })),
    ];
    if (WITH_INNER_IDS.includes(name)) {
      // Their own app, with a project or key of the other team's, or one nobody has.
      tries.push(run(name, users.owner, teams.a.slug, inputOf(name, { ...fb, appId: fa.appId, projectName: fa.projectName })));
      tries.push(
        run(
          name,
          users.owner,
          teams.a.slug,
          inputOf(name, { ...fa, projectId: "prj_guessed", keyId: "key_guessed", appKeyId: "apk_guessed", messageId: "msg_guessed" }),
        ),
      );
    }
    for (const result of await Promise.all(tries)) expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await snapshot(fa)).toEqual(beforeA);
    expect(await snapshot(fb)).toEqual(beforeB);
  });

  it("runs on the database it was given", async () => {
    const { env } = await import("../../core/env");
    expect(env().DATABASE_PROVIDER).toBe(process.env.LATCHKEY_TEST_POSTGRES_URL ? "postgresql" : "sqlite");
  });

  it("every app operation of the catalogue is covered here", () => {
    expect(Object.keys(INPUTS).sort()).toEqual([...NAMES].sort());
  });
});

// The team's own operations (its settings, members, invites, apps, audit export), each on a
// fresh team: four roles, a second owner, a developer to act on, a pending invite and an app.
const TEAM_OPERATIONS = OPERATION_LIST.filter((entry) => entry.console && entry.tenant === "team");
const USER_OPERATIONS = OPERATION_LIST.filter((entry) => entry.console && entry.tenant === "user");

type TeamFixture = {
  slug: string;
  teamId: string;
  name: string;
  users: Record<TeamRole, string>;
  target: string;
  inviteId: string;
  appId: string;
};

let teamSerial = 0;
async function teamFixture(): Promise<TeamFixture> {
  const label = `t${++teamSerial}-${newId("team").slice(-6).toLowerCase()}`;
  const { createTeam } = await import("../../domain/teams/service");
  const { createInvite } = await import("../../domain/teams/invites");
  const founder = await signInUser({ email: `owner@${label}.example`, name: "Owner" });
  const team = await createTeam({ type: "user", id: founder.id }, request, { name: `Team ${label}` });
  const member = async (role: TeamRole, who: string) => {
    const user = await signInUser({ email: `${who}@${label}.example`, name: who });
    await db().membership.create({ data: { id: newId("membership"), teamId: team.id, userId: user.id, role } });
    return user.id;
  };
  const fixtureUsers = { owner: founder.id } as Record<TeamRole, string>;
  for (const role of ["admin", "developer", "viewer"] as const) fixtureUsers[role] = await member(role, role);
  await member("owner", "second-owner");
  const target = await member("developer", "target");
  const scope = { teamId: team.id, actor: { type: "user" as const, id: founder.id }, request };
  const { invite } = await createInvite(scope, { role: "developer", expires_in_days: 7 });
  const app = await createApp(scope, { name: "Team app" });
  return { slug: team.slug, teamId: team.id, name: team.name, users: fixtureUsers, target, inviteId: invite.id, appId: app.id };
}

const TEAM_INPUTS: Partial<Record<OperationName, (f: TeamFixture) => Record<string, unknown>>> = {
  createApp: () => ({ name: "Another app" }),
  renameApp: (f) => ({ app_id: f.appId, name: "Renamed app" }),
  deleteApp: (f) => ({ app_id: f.appId, confirm_name: "Team app" }),
  renameTeam: () => ({ name: "Renamed team" }),
  setAutoJoinDomain: () => ({ domain: null, role: "viewer" }),
  deleteTeam: (f) => ({ confirm_name: f.name }),
  createInvite: () => ({ email: "new@elsewhere.example", role: "viewer" }),
  revokeInvite: (f) => ({ invite_id: f.inviteId }),
  changeRole: (f) => ({ user_id: f.target, role: "viewer" }),
  removeMember: (f) => ({ user_id: f.target }),
  leaveTeam: () => ({}),
  exportAuditEvents: () => ({ format: "json" }),
};

async function teamSnapshot(f: TeamFixture) {
  const [team, memberships, invites, apps] = await Promise.all([
    db().team.findUnique({ where: { id: f.teamId } }),
    db().membership.findMany({ where: { teamId: f.teamId }, orderBy: { id: "asc" } }),
    db().invite.findMany({ where: { teamId: f.teamId }, orderBy: { id: "asc" } }),
    db().app.findMany({ where: { teamId: f.teamId }, orderBy: { id: "asc" } }),
  ]);
  return { team, memberships, invites, apps };
}

describe("console team operations follow the permission table", () => {
  const names = TEAM_OPERATIONS.map((entry) => entry.name as OperationName);
  it.each(names.flatMap((name) => ROLES.map((role) => [name, role] as const)))("%s by %s", async (name, role) => {
    const f = await teamFixture();
    const before = await teamSnapshot(f);
    const result = await runOperation({ userId: f.users[role], teamSlug: f.slug, request }, name, TEAM_INPUTS[name]!(f));
    const permission = TEAM_OPERATIONS.find((entry) => entry.name === name)!.console!.permission!;
    if (roleCan(role, permission)) {
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    } else {
      expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await teamSnapshot(f)).toEqual(before);
    }
  });

  it.each(names)("%s: a signed-out caller, an outsider and a guessed team read as unauthorized or not found", async (name) => {
    const [f, other] = [await teamFixture(), await teamFixture()];
    const before = await teamSnapshot(f);
    const input = TEAM_INPUTS[name]!(f);
    expect(await runOperation({ userId: null, teamSlug: f.slug, request }, name, input)).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
    expect(await runOperation({ userId: other.users.owner, teamSlug: f.slug, request }, name, input)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await runOperation({ userId: f.users.owner, teamSlug: "no-such-team", request }, name, input)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await teamSnapshot(f)).toEqual(before);
  });

  it("every team operation of the catalogue is covered here", () => {
    expect(Object.keys(TEAM_INPUTS).sort()).toEqual([...names].sort());
  });
});

describe("a person's own operations", () => {
  it("need a signed-in caller", async () => {
    const names = USER_OPERATIONS.map((entry) => entry.name as OperationName);
    expect(names.sort()).toEqual(["acceptInvite", "createTeam"]);
    const inputs: Record<string, unknown> = { createTeam: { name: "Mine" }, acceptInvite: { token: "inv_nothing" } };
    for (const name of names) {
      expect(await runOperation({ userId: null, teamSlug: "", request }, name, inputs[name])).toMatchObject({
        ok: false,
        error: { code: "unauthorized" },
      });
    }
  });

  it("accepting an invite: a wrong token reads as not found, and the attempts are limited", async () => {
    const user = await signInUser({ email: "joiner@invites.example", name: "Joiner" });
    const caller = { userId: user.id, email: "joiner@invites.example", teamSlug: "", request };
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await runOperation(caller, "acceptInvite", { token: `inv_wrong${i}` }));
    expect(answers.slice(0, 10).every((answer) => !answer.ok && answer.error.code === "not_found")).toBe(true);
    expect(answers[10]).toMatchObject({ ok: false, error: { code: "rate_limited" } });
  });

  it("accepting an invite with a good token joins its team", async () => {
    const f = await teamFixture();
    const { createInvite } = await import("../../domain/teams/invites");
    const scope = { teamId: f.teamId, actor: { type: "user" as const, id: f.users.owner }, request };
    const { token } = await createInvite(scope, { email: "newcomer@invites.example", role: "viewer", expires_in_days: 1 });
    const user = await signInUser({ email: "newcomer@invites.example", name: "Newcomer" });
    const result = await runOperation({ userId: user.id, email: "newcomer@invites.example", teamSlug: "", request }, "acceptInvite", {
      token,
    });
    expect(result).toEqual({ ok: true, data: { slug: f.slug } });
  });
});
