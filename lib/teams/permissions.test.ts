import { describe, expect, it } from "vitest";
import { PERMISSIONS, roleCan, type TeamPermission } from "./permissions";
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
