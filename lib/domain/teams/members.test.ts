import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestSqliteDatabase } from "../../../test/helpers/test-db";

createTestSqliteDatabase();

const { db, disconnectDb } = await import("../../platform/db");
const { DomainError } = await import("../../core/errors");
const { signInUser, listMemberships } = await import("./members");
const { acceptInvite, createInvite, revokeInvite } = await import("./invites");
const { changeRole, removeMember } = await import("./membership-admin");
import type { TeamRole } from "./roles";

const request = { ipAddress: null, userAgent: null };
let team: { id: string };
let owner: { id: string; email: string };

function scopeOf(user: { id: string }, role: TeamRole) {
  return { teamId: team.id, role, actor: { type: "user" as const, id: user.id }, request };
}

async function code(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

async function newcomer(email: string, emailVerified = false) {
  return signInUser({ email, name: email.split("@")[0], emailVerified });
}

beforeAll(async () => {
  owner = await newcomer("owner@team.example");
  team = (await listMemberships(owner.id))[0]!.team;
});
afterEach(() => vi.useRealTimers());
afterAll(() => disconnectDb());

describe("invites", () => {
  it("admit a user once, with the invite's role, and store only the token's hash", async () => {
    const { invite, token } = await createInvite(scopeOf(owner, "owner"), { role: "developer", expires_in_days: 7 });
    expect(JSON.stringify(await db().invite.findUniqueOrThrow({ where: { id: invite.id } }))).not.toContain(token);
    const dev = await newcomer("dev@elsewhere.example");
    await acceptInvite(dev, token, request);
    expect((await listMemberships(dev.id)).find((m) => m.team.id === team.id)?.role).toBe("developer");
    const other = await newcomer("other@elsewhere.example");
    expect(await code(acceptInvite(other, token, request))).toBe("not_found");
  });

  it("refuse expired, revoked, guessed and other people's invites alike", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-01-01T00:00:00Z") });
    const expiring = await createInvite(scopeOf(owner, "owner"), { role: "viewer", expires_in_days: 1 });
    const revoked = await createInvite(scopeOf(owner, "owner"), { role: "viewer", expires_in_days: 7 });
    const personal = await createInvite(scopeOf(owner, "owner"), { email: "named@x.example", role: "viewer", expires_in_days: 7 });
    await revokeInvite(scopeOf(owner, "owner"), { invite_id: revoked.invite.id });
    vi.setSystemTime(new Date("2026-01-03T00:00:00Z"));
    const someone = await newcomer("someone@x.example");
    for (const token of [expiring.token, revoked.token, personal.token, "inv_guessed"]) {
      expect(await code(acceptInvite(someone, token, request))).toBe("not_found");
    }
    const named = await newcomer("named@x.example");
    await acceptInvite(named, personal.token, request);
    expect((await listMemberships(named.id)).some((m) => m.team.id === team.id)).toBe(true);
  });

  it("cannot be revoked from another team", async () => {
    const { invite } = await createInvite(scopeOf(owner, "owner"), { role: "viewer", expires_in_days: 7 });
    const stranger = await newcomer("stranger@y.example");
    const strangersTeam = (await listMemberships(stranger.id))[0]!.team;
    expect(
      await code(revokeInvite({ teamId: strangersTeam.id, actor: { type: "user", id: stranger.id }, request }, { invite_id: invite.id })),
    ).toBe("not_found");
  });
});

describe("roles and removal", () => {
  it("keep at least one owner, and let only owners touch the owner role", async () => {
    const admin = await newcomer("admin@team.example");
    await db().membership.create({ data: { id: `mem_${admin.id}`, teamId: team.id, userId: admin.id, role: "admin" } });
    expect(await code(changeRole(scopeOf(owner, "owner"), { user_id: owner.id, role: "admin" }))).toBe("conflict");
    expect(await code(removeMember(scopeOf(owner, "owner"), { user_id: owner.id }))).toBe("conflict");
    expect(await code(changeRole(scopeOf(admin, "admin"), { user_id: admin.id, role: "owner" }))).toBe("forbidden");
    expect(await code(removeMember(scopeOf(admin, "admin"), { user_id: owner.id }))).toBe("forbidden");

    await changeRole(scopeOf(owner, "owner"), { user_id: admin.id, role: "owner" });
    await removeMember(scopeOf(owner, "owner"), { user_id: owner.id }); // now the owner may leave
    expect((await listMemberships(owner.id)).some((m) => m.team.id === team.id)).toBe(false);
    const audit = await db().auditEvent.findMany({
      where: { teamId: team.id, action: { in: ["member.role_changed", "member.left"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((e) => e.action)).toEqual(["member.role_changed", "member.left"]);
  });
});

describe("auto-join by verified email domain", () => {
  it("adds new users with a verified email at the domain, with the chosen role", async () => {
    const { setAutoJoinDomain } = await import("./domains");
    const admin = await newcomer("it@acme.example", true);
    const acme = (await listMemberships(admin.id))[0]!.team;
    const scope = { teamId: acme.id, actor: { type: "user" as const, id: admin.id }, request };
    expect(await code(setAutoJoinDomain(scope, { domain: "other.example", role: "developer" }))).toBe("invalid_request");
    await setAutoJoinDomain(scope, { domain: "ACME.example", role: "developer" });

    const verified = await signInUser({ email: "new@acme.example", name: "New", emailVerified: true });
    expect((await listMemberships(verified.id)).find((m) => m.team.id === acme.id)?.role).toBe("developer");
    const unverified = await signInUser({ email: "unverified@acme.example", name: "Un", emailVerified: false });
    expect((await listMemberships(unverified.id)).some((m) => m.team.id === acme.id)).toBe(false);

    const rival = await newcomer("boss@acme.example", true);
    const rivalTeam = (await listMemberships(rival.id))[0]!.team;
    expect(
      await code(
        setAutoJoinDomain(
          { teamId: rivalTeam.id, actor: { type: "user", id: rival.id }, request },
          { domain: "acme.example", role: "viewer" },
        ),
      ),
    ).toBe("conflict");
  });
});

describe("email verification", () => {
  it("keeps the identity provider's claim at every sign-in; an unverified email cannot set an auto-join domain", async () => {
    const { setAutoJoinDomain } = await import("./domains");
    const admin = await newcomer("admin@unverified.example");
    expect(admin.emailVerified).toBe(false);
    const own = (await listMemberships(admin.id))[0]!.team;
    const scope = { teamId: own.id, actor: { type: "user" as const, id: admin.id }, request };
    const refused = await setAutoJoinDomain(scope, { domain: "unverified.example", role: "viewer" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as InstanceType<typeof DomainError>).details).toEqual([
      {
        field: "domain",
        message: expect.stringMatching(/^your email \(admin@unverified\.example\) is not verified by your identity provider/),
      },
    ]);
    expect((await db().team.findUniqueOrThrow({ where: { id: own.id } })).autoJoinDomain).toBeNull();
    // Turning auto-join off needs no verified email.
    await setAutoJoinDomain(scope, { domain: null, role: "viewer" });

    // Verified at the next sign-in: now it may; unverified again: the claim is kept again.
    expect((await newcomer("admin@unverified.example", true)).emailVerified).toBe(true);
    await setAutoJoinDomain(scope, { domain: "unverified.example", role: "viewer" });
    expect((await newcomer("admin@unverified.example", false)).emailVerified).toBe(false);
    expect(await code(setAutoJoinDomain(scope, { domain: "unverified.example", role: "developer" }))).toBe("invalid_request");

    // Auto-join on sign-in needs a verified email as well.
    const unverified = await newcomer("someone@unverified.example", false);
    expect((await listMemberships(unverified.id)).some((m) => m.team.id === own.id)).toBe(false);
    const verified = await newcomer("another@unverified.example", true);
    expect((await listMemberships(verified.id)).find((m) => m.team.id === own.id)?.role).toBe("viewer");
  });
});

describe("member and invite lists page", () => {
  it("walks every member and every open invite once, a page at a time, and refuses a cursor of another list", async () => {
    const { listMembers } = await import("./membership-admin");
    const { listInvites } = await import("./invites");
    const { newId } = await import("../../core/ids");
    const scope = scopeOf(owner, "owner");
    for (let i = 0; i < 5; i++) {
      const user = await signInUser({ email: `pager${i}@pages.example`, name: `Pager ${i}` });
      await db().membership.create({ data: { id: newId("membership"), teamId: team.id, userId: user.id, role: "viewer" } });
      await createInvite(scope, { email: `invitee${i}@pages.example`, role: "viewer", expires_in_days: 1 });
    }
    async function walk<T extends { id: string }>(
      list: (q: { limit: number; cursor?: string }) => Promise<{ items: T[]; next_cursor: string | null }>,
    ) {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list({ limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        ids.push(...page.items.map((item) => item.id));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      return ids;
    }
    const members = await walk((q) => listMembers(scope, q));
    expect(new Set(members).size).toBe(members.length);
    expect(members.length).toBe(await db().membership.count({ where: { teamId: team.id } }));
    const invites = await walk((q) => listInvites(scope, q));
    expect(new Set(invites).size).toBe(invites.length);
    expect(invites.length).toBe(await db().invite.count({ where: { teamId: team.id, acceptedAt: null, revokedAt: null } }));
    expect(await code(listMembers(scope, { limit: 2, starting_after: invites[0]! }))).toBe("invalid_request");
  });
});
