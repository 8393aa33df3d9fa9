import { afterAll, describe, expect, it } from "vitest";
import { createTestSqliteDatabase } from "../../../test/helpers/test-db";

createTestSqliteDatabase();

const { db, disconnectDb } = await import("../../platform/db");
const { signInUser, listMemberships } = await import("../teams/members");
const { nameAuditActors } = await import("./actors");

afterAll(() => disconnectDb());

async function teamOf(email: string, name: string | null) {
  const user = await signInUser({ email, name });
  return { user, team: (await listMemberships(user.id))[0]!.team };
}

describe("nameAuditActors", () => {
  it("names the team's members and its apps' keys, and nobody else", async () => {
    const { user: ada, team } = await teamOf("ada@actors.example", "Ada Lovelace");
    const { user: nameless } = await teamOf("nameless@actors.example", null);
    const { user: stranger, team: otherTeam } = await teamOf("stranger@elsewhere.example", "Stranger");
    await db().membership.create({ data: { id: "mem_nameless", teamId: team.id, userId: nameless.id, role: "viewer" } });
    await db().app.create({ data: { id: "app_actors", teamId: team.id, name: "Billing" } });
    await db().app.create({ data: { id: "app_other", teamId: otherTeam.id, name: "Theirs" } });
    const key = (id: string, appId: string) => ({
      id,
      appId,
      name: `Key ${id}`,
      keyPrefix: "lk_app_x",
      keyHash: id,
      role: "admin",
      createdBy: ada.id,
    });
    await db().appApiKey.createMany({ data: [key("apk_ours", "app_actors"), key("apk_theirs", "app_other")] });

    const actors = [
      { type: "user", id: ada.id },
      { type: "user", id: ada.id },
      { type: "user", id: nameless.id },
      { type: "user", id: stranger.id },
      { type: "app_key", id: "apk_ours" },
      { type: "app_key", id: "apk_theirs" },
      { type: "system", id: "system" },
    ];
    expect(await nameAuditActors({ teamId: team.id }, actors)).toEqual({
      [ada.id]: { name: "Ada Lovelace", detail: "ada@actors.example" },
      [nameless.id]: { name: "nameless@actors.example", detail: null },
      apk_ours: { name: "Key apk_ours", detail: "app key of Billing" },
    });
    expect(await nameAuditActors({ teamId: team.id }, [])).toEqual({});
  });
});
