import { describe, expect, it } from "vitest";
import { describeRole, PERMISSION_WORDS, PERMISSIONS, roleCan, roleSummary, type TeamPermission } from "./permissions";
import { TEAM_ROLES } from "./roles";

// The table as the issue states it; the code must agree cell by cell.
const EXPECTED: Record<TeamPermission, string> = {
  "team:read": "viewer developer admin owner",
  "audit:read": "viewer developer admin owner",
  "keys:write": "developer admin owner",
  "webhooks:write": "developer admin owner",
  "apps:write": "admin owner",
  "projects:write": "admin owner",
  "environments:write": "admin owner",
  "app_keys:write": "admin owner",
  "members:write": "admin owner",
  "team:write": "admin owner",
  "team:delete": "owner",
  "team:transfer": "owner",
};

describe("roleCan", () => {
  it.each(Object.keys(PERMISSIONS) as TeamPermission[])("%s", (permission) => {
    const allowed = TEAM_ROLES.filter((role) => roleCan(role, permission)).join(" ");
    expect(allowed).toBe(EXPECTED[permission]);
  });

  it("never lets a lower role do what a higher one cannot", () => {
    for (const permission of Object.keys(PERMISSIONS) as TeamPermission[]) {
      const ranks = TEAM_ROLES.map((role) => roleCan(role, permission));
      expect(ranks).toEqual([...ranks].sort((x, y) => Number(x) - Number(y)));
    }
  });
});

describe("roles in words", () => {
  it("says, for each role, exactly what the table lets it do beyond the role below", () => {
    const permissions = Object.keys(PERMISSIONS) as TeamPermission[];
    const held = TEAM_ROLES.flatMap((role) => roleSummary(role).adds);
    // Every permission is said once, by the lowest role that holds it.
    expect([...held].sort()).toEqual(permissions.map((p) => PERMISSION_WORDS[p]).sort());
    for (const role of TEAM_ROLES) {
      const { below, adds } = roleSummary(role);
      const expected = permissions.filter((p) => roleCan(role, p) && !(below && roleCan(below, p))).map((p) => PERMISSION_WORDS[p]);
      expect(adds, role).toEqual(expected);
      for (const words of adds) expect(describeRole(role), role).toContain(words);
    }
  });

  it("reads as sentences people would write", () => {
    expect(describeRole("viewer")).toBe("May see the team's apps, projects, keys, usage and members; and read the audit log.");
    expect(describeRole("developer")).toBe(
      "Everything a viewer may, and also: create, change, rotate and revoke project keys; and redeliver webhook messages.",
    );
    expect(describeRole("owner")).toBe("Everything an admin may, and also: delete the team; and make other members owners.");
  });
});
