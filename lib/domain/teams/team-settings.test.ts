import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSqliteDatabase } from "../../../test/helpers/test-db";

createTestSqliteDatabase();

const { db, disconnectDb } = await import("../../platform/db");
const { DomainError } = await import("../../core/errors");
const { signInUser, listMemberships } = await import("./members");
const { changeRole, leaveTeam } = await import("./membership-admin");
const { renameTeam } = await import("./service");
const { setAutoJoinDomain } = await import("./domains");
const { renameTeamSchema, setAutoJoinDomainSchema } = await import("./schemas");
const { DEMO_TEAM } = await import("../accounts/demo-users");

const request = { ipAddress: null, userAgent: null };

async function code(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

async function personalTeamOf(email: string) {
  const user = await signInUser({ email, name: email.split("@")[0] });
  const team = (await listMemberships(user.id))[0]!.team;
  return { user, team, scope: { teamId: team.id, role: "owner" as const, actor: { type: "user" as const, id: user.id }, request } };
}

afterAll(() => disconnectDb());

describe("leaveTeam", () => {
  it("lets a member leave, but not the last owner, and records it", async () => {
    const { team, scope } = await personalTeamOf("leader@leave.example");
    const member = await signInUser({ email: "member@leave.example", name: "Member" });
    await db().membership.create({ data: { id: `mem_${member.id}`, teamId: team.id, userId: member.id, role: "developer" } });

    const err = await leaveTeam(scope).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as InstanceType<typeof DomainError>).code).toBe("conflict");
    expect((err as Error).message).toMatch(/last owner/);

    await leaveTeam({ teamId: team.id, actor: { type: "user", id: member.id }, request });
    expect((await listMemberships(member.id)).some((m) => m.team.id === team.id)).toBe(false);
    expect(await code(leaveTeam({ teamId: team.id, actor: { type: "user", id: member.id }, request }))).toBe("not_found");

    // With a second owner, the first may go.
    await db().membership.create({ data: { id: `mem2_${member.id}`, teamId: team.id, userId: member.id, role: "developer" } });
    await changeRole(scope, { user_id: member.id, role: "owner" });
    await leaveTeam(scope);
    const left = await db().auditEvent.findMany({ where: { teamId: team.id, action: "member.left" } });
    expect(left.map((e) => e.targetId).sort()).toEqual([member.id, scope.actor.id].sort());
  });
});

describe("renameTeam", () => {
  it("changes the name, keeps the slug, and records before and after", async () => {
    const { team, scope } = await personalTeamOf("renamer@rename.example");
    const renamed = await renameTeam(scope, renameTeamSchema.parse({ name: "  Platform  " }));
    expect(renamed).toMatchObject({ name: "Platform", slug: team.slug });
    const event = await db().auditEvent.findFirstOrThrow({ where: { teamId: team.id, action: "team.renamed" } });
    expect(JSON.parse(event.metadata)).toEqual({ before: { name: team.name }, after: { name: "Platform" } });
    expect(renameTeamSchema.safeParse({ name: "   " }).success).toBe(false);
  });
});

describe("setAutoJoinDomainSchema", () => {
  it("takes a domain name in any case, a blank field as off, and refuses anything else", () => {
    expect(setAutoJoinDomainSchema.parse({ domain: " Acme.Example ", role: "viewer" })).toEqual({ domain: "acme.example", role: "viewer" });
    expect(setAutoJoinDomainSchema.parse({ domain: "" })).toEqual({ domain: null, role: "developer" });
    expect(setAutoJoinDomainSchema.parse({ domain: null, role: "admin" }).domain).toBeNull();
    for (const domain of ["localhost", "acme", "user@acme.com", "acme.com/path", "-acme.com", "acme..com"]) {
      expect(setAutoJoinDomainSchema.safeParse({ domain, role: "viewer" }).success, domain).toBe(false);
    }
    expect(setAutoJoinDomainSchema.safeParse({ domain: "acme.com", role: "owner" }).success).toBe(false);
  });
});

describe("auto-join on the demo team", () => {
  beforeAll(async () => {
    await signInUser({ email: "owner@demo.latchkey.test", name: "Olivia Owner", emailVerified: true });
  });

  it("gives a new demo user their demo role once, even when the demo team auto-joins their domain", async () => {
    const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@demo.latchkey.test" } });
    const demo = await db().team.findUniqueOrThrow({ where: { slug: DEMO_TEAM.slug } });
    const scope = { teamId: demo.id, actor: { type: "user" as const, id: owner.id }, request };
    await setAutoJoinDomain(scope, { domain: "demo.latchkey.test", role: "viewer" });
    const admin = await signInUser({ email: "admin@demo.latchkey.test", name: "Adam Admin", emailVerified: true });
    expect((await listMemberships(admin.id)).filter((m) => m.team.id === demo.id).map((m) => m.role)).toEqual(["admin"]);
    await setAutoJoinDomain(scope, { domain: null, role: "viewer" });
  });
});
