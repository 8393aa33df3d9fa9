import { z } from "zod";
import { idSchema } from "../schemas";
import { TEAM_ROLES } from "./roles";

export const teamRoleSchema = z.enum(TEAM_ROLES);

export const createInviteSchema = z.strictObject({
  email: z.email().max(320).optional(),
  role: teamRoleSchema.exclude(["owner"]).default("developer"),
  expires_in_days: z.int().min(1).max(30).default(7),
});
export const revokeInviteSchema = z.strictObject({ invite_id: idSchema });
export const changeRoleSchema = z.strictObject({ user_id: idSchema, role: teamRoleSchema });
export const removeMemberSchema = z.strictObject({ user_id: idSchema });
