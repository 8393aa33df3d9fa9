import { z } from "../../core/zod";
import { idSchema, textSchema } from "../../core/schemas";
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
export const leaveTeamSchema = z.strictObject({});
export const renameTeamSchema = z.strictObject({ name: textSchema().trim().min(1, "must not be empty").max(100) });
export const createTeamSchema = renameTeamSchema;
export const deleteTeamSchema = z.strictObject({ confirm_name: textSchema().max(200) });

/** A domain name such as `acme.com`; null (or a blank field) turns auto-join off. */
const domainSchema = textSchema()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, "must be a domain name, such as acme.com");
export const setAutoJoinDomainSchema = z.strictObject({
  domain: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? null : value), domainSchema.nullable()),
  role: teamRoleSchema.exclude(["owner"]).default("developer"),
});
