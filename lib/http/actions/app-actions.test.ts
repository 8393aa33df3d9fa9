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
const { APP_ACTIONS, performAppAction } = await import("./app-actions");
import type { AppActionName } from "./app-actions";
import type { TeamRole } from "../../domain/teams/roles";

// Every console action on an app's resources (the APP_ACTIONS table), tried by every role
// and across teams. Allowed exactly where lib/domain/teams/permissions.ts allows it; another team's
// ids, a mix of the two, and guessed ids all read as not found and change nothing.

const request = { ipAddress: "127.0.0.1", userAgent: "vitest" };
const ROLES = ["owner", "admin", "developer", "viewer"] as const;
const users = {} as Record<TeamRole | "outsider", string>;
const teams = {} as Record<"a" | "b", { id: string; slug: string }>;

type Fixture = { appId: string; projectId: string; projectName: string; keyId: string; appKeyId: string; messageId: string };

async function fixture(team: { id: string }): Promise<Fixture> {
  const scope = { teamId: team.id, actor: { type: "system" as const, id: "test" }, request };
  const app = await createApp(scope, { name: "Fixture app" });
  const appScope = { ...scope, appId: app.id };
  const project = await createProject(appScope, { name: `Project ${newId("project").slice(-6)}` });
  const key = await createApiKey(appScope, { project_id: project.id, name: "Fixture key" });
  const appKey = await createAppApiKey(appScope, { name: "Fixture app key", role: "admin" });
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
  };
}

// A valid input for each action, about the resources of a fixture.
const INPUTS: Record<AppActionName, (f: Fixture) => Record<string, unknown>> = {
  createProject: (f) => ({ app_id: f.appId, name: "New project" }),
  renameProject: (f) => ({ app_id: f.appId, project_id: f.projectId, name: "Renamed project" }),
  deleteProject: (f) => ({ app_id: f.appId, project_id: f.projectId, confirm_name: f.projectName }),
  createAppKey: (f) => ({ app_id: f.appId, name: "New app key", role: "verifier" }),
  renameAppKey: (f) => ({ app_id: f.appId, key_id: f.appKeyId, name: "Renamed app key" }),
  deleteAppKey: (f) => ({ app_id: f.appId, key_id: f.appKeyId }),
  createKey: (f) => ({ app_id: f.appId, project_id: f.projectId, name: "New key" }),
  updateKey: (f) => ({ app_id: f.appId, key_id: f.keyId, changes: { name: "Renamed key", scopes: ["x"] } }),
  revokeKey: (f) => ({ app_id: f.appId, key_id: f.keyId }),
  rotateKey: (f) => ({ app_id: f.appId, key_id: f.keyId, grace_period_seconds: 60 }),
  updateKeyPolicy: (f) => ({
    app_id: f.appId,
    project_id: f.projectId,
    changes: { default_rotation_interval_days: 30, max_key_lifetime_days: 365 },
  }),
  rotateSigningSecret: (f) => ({ app_id: f.appId, project_id: f.projectId }),
  redeliverWebhook: (f) => ({ app_id: f.appId, project_id: f.projectId, message_id: f.messageId }),
};
const NAMES = Object.keys(APP_ACTIONS) as AppActionName[];
// Actions whose input names a resource inside the app, besides the app itself.
const WITH_INNER_IDS = NAMES.filter((name) => !["createProject", "createAppKey"].includes(name));

const run = (name: AppActionName, userId: string, teamSlug: string, input: unknown) =>
  performAppAction({ userId, teamSlug, request }, APP_ACTIONS[name] as Parameters<typeof performAppAction>[1], input);

/** Everything a fixture holds, to prove a refused action changed nothing. */
async function snapshot(f: Fixture) {
  const [app, projects, keys, appKeys, environments, messages, secrets] = await Promise.all([
    db().app.findUnique({ where: { id: f.appId } }),
    db().project.findMany({ where: { appId: f.appId }, orderBy: { id: "asc" } }),
    db().apiKey.findMany({ where: { appId: f.appId }, orderBy: { id: "asc" } }),
    db().appApiKey.findMany({ where: { appId: f.appId }, orderBy: { id: "asc" } }),
    db().environment.findMany({ where: { project: { appId: f.appId } }, orderBy: { id: "asc" } }),
    db().webhookMessage.findMany({ where: { appId: f.appId }, orderBy: { id: "asc" }, include: { deliveryAttempts: true } }),
    db().webhookSigningSecret.findMany({ where: { project: { appId: f.appId } }, orderBy: { projectId: "asc" } }),
  ]);
  return { app, projects, keys, appKeys, environments, messages, secrets };
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

describe("console app actions follow the permission table", () => {
  it.each(NAMES.flatMap((name) => ROLES.map((role) => [name, role] as const)))("%s by %s", async (name, role) => {
    const f = await fixture(teams.a);
    const before = await snapshot(f);
    const result = await run(name, users[role], teams.a.slug, INPUTS[name](f));
    if (roleCan(role, APP_ACTIONS[name].permission)) {
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
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

describe("console app actions refuse odd strings", () => {
  it.each(NAMES)("%s: a lone surrogate in any string input is refused, naming the field, and changes nothing", async (name) => {
    const f = await fixture(teams.a);
    const before = await snapshot(f);
    const variants = withLoneSurrogates(INPUTS[name](f));
    expect(variants.length).toBeGreaterThan(0);
    for (const variant of variants) {
      const result = await run(name, users.owner, teams.a.slug, variant.input);
      expect(result, variant.field).toMatchObject({ ok: false, error: { code: "invalid_request", field: variant.field } });
    }
    expect(await snapshot(f)).toEqual(before);
  });
});

describe("console app actions keep teams apart", () => {
  it.each(NAMES)("%s: another team's ids, mixed ids and guessed ids read as not found and change nothing", async (name) => {
    const [fa, fb] = [await fixture(teams.a), await fixture(teams.b)];
    const [beforeA, beforeB] = [await snapshot(fa), await snapshot(fb)];
    const tries = [
      // An outsider through the team's own slug, and through their team with its app's ids.
      run(name, users.outsider, teams.a.slug, INPUTS[name](fa)),
      run(name, users.outsider, teams.b.slug, INPUTS[name](fa)),
      // The team's owner reaching for the other team's app, through their own team.
      run(name, users.owner, teams.a.slug, INPUTS[name](fb)),
      run(name, users.owner, teams.a.slug, INPUTS[name]({ ...fa, appId: "app_guessed0000000000000" })),
    ];
    if (WITH_INNER_IDS.includes(name)) {
      // Their own app, with a project or key of the other team's, or one nobody has.
      tries.push(run(name, users.owner, teams.a.slug, INPUTS[name]({ ...fb, appId: fa.appId, projectName: fa.projectName })));
      tries.push(
        run(
          name,
          users.owner,
          teams.a.slug,
          INPUTS[name]({ ...fa, projectId: "prj_guessed", keyId: "key_guessed", appKeyId: "apk_guessed", messageId: "msg_guessed" }),
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

  it("every action of the table is covered here", () => {
    expect(Object.keys(INPUTS).sort()).toEqual(NAMES.sort());
  });
});
