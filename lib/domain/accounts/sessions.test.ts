import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../../test/helpers/test-db";

await createTestDatabase();

const { db, disconnectDb } = await import("../../platform/db");
const { signInUser, listMemberships } = await import("../teams/members");
const { leaveTeam, removeMember } = await import("../teams/membership-admin");
const { createSession, endSession, endUserSessions, sessionIsActive, SESSION_SECONDS } = await import("./sessions");

const request = { ipAddress: null, userAgent: null };
const HOUR = 3600_000;

afterEach(() => vi.useRealTimers());
afterAll(() => disconnectDb());

describe("console sessions", () => {
  it("end at sign-out, one at a time, and only for their own user", async () => {
    const user = await signInUser({ email: "one@sessions.example" });
    const other = await signInUser({ email: "two@sessions.example" });
    const [first, second] = [await createSession(user.id), await createSession(user.id)];
    expect(first).toMatch(/^ses_[0-9A-Za-z]{22}$/);
    expect(await sessionIsActive(first, user.id)).toBe(true);
    // A session id only works with the user it was made for, and junk reads as ended.
    expect(await sessionIsActive(first, other.id)).toBe(false);
    for (const junk of [undefined, null, 42, "", "ses_unknown", "x".repeat(100)]) expect(await sessionIsActive(junk, user.id)).toBe(false);

    await endSession(first);
    expect(await sessionIsActive(first, user.id)).toBe(false);
    expect(await sessionIsActive(second, user.id)).toBe(true);
    await endSession(undefined); // a cookie from before sessions: nothing to end
  });

  it("all end for a user at once", async () => {
    const user = await signInUser({ email: "all@sessions.example" });
    const other = await signInUser({ email: "bystander@sessions.example" });
    const ids = [await createSession(user.id), await createSession(user.id), await createSession(user.id)];
    const theirs = await createSession(other.id);
    expect(await endUserSessions(user.id)).toBe(3);
    for (const id of ids) expect(await sessionIsActive(id, user.id)).toBe(false);
    expect(await sessionIsActive(theirs, other.id)).toBe(true);
  });

  it("expire when unused for their lifetime, and each use within it moves the end on", async () => {
    const user = await signInUser({ email: "idle@sessions.example" });
    const start = new Date("2026-03-01T08:00:00Z");
    const id = await createSession(user.id, start);
    const at = (ms: number) => new Date(start.getTime() + ms);
    expect(await sessionIsActive(id, user.id, at(HOUR))).toBe(true);
    // Used just before its end: it now runs for its lifetime from then, and not a moment longer.
    expect(await sessionIsActive(id, user.id, at(SESSION_SECONDS * 1000 - 1))).toBe(true);
    expect(await sessionIsActive(id, user.id, at(2 * SESSION_SECONDS * 1000))).toBe(false);

    const idle = await createSession(user.id, start);
    expect(await sessionIsActive(idle, user.id, at(SESSION_SECONDS * 1000))).toBe(false);
    // The next sign-in clears the user's expired sessions away.
    await createSession(user.id, at(3 * SESSION_SECONDS * 1000));
    expect(await db().session.count({ where: { id: { in: [id, idle] } } })).toBe(0);
  });

  it("all end when the member is removed from a team, but not when they leave it themselves", async () => {
    const owner = await signInUser({ email: "owner@removal.example" });
    const team = (await listMemberships(owner.id))[0]!.team;
    const removed = await signInUser({ email: "removed@removal.example" });
    const leaver = await signInUser({ email: "leaver@removal.example" });
    for (const user of [removed, leaver]) {
      await db().membership.create({ data: { id: `mem_${user.id}`, teamId: team.id, userId: user.id, role: "developer" } });
    }
    const removedSessions = [await createSession(removed.id), await createSession(removed.id)];
    const leaverSession = await createSession(leaver.id);
    const ownerSession = await createSession(owner.id);

    await removeMember({ teamId: team.id, role: "owner", actor: { type: "user", id: owner.id }, request }, { user_id: removed.id });
    for (const id of removedSessions) expect(await sessionIsActive(id, removed.id)).toBe(false);
    expect(await sessionIsActive(ownerSession, owner.id)).toBe(true);
    const event = await db().auditEvent.findFirstOrThrow({ where: { teamId: team.id, action: "member.removed", targetId: removed.id } });
    expect(JSON.parse(event.metadata)).toEqual({ role: "developer", sessions_ended: 2 });

    await leaveTeam({ teamId: team.id, actor: { type: "user", id: leaver.id }, request });
    expect(await sessionIsActive(leaverSession, leaver.id)).toBe(true);
  });
});
