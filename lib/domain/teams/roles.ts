// Team roles, from least to most. What each may do is one table, enforced by every action.
export const TEAM_ROLES = ["viewer", "developer", "admin", "owner"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
