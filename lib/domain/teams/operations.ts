import "server-only";
import { z } from "../../core/zod";
import { DomainError } from "../../core/errors";
import { defineOperation } from "../operation";
import { setAutoJoinDomain } from "./domains";
import { acceptInvite, createInvite, revokeInvite } from "./invites";
import { changeRole, leaveTeam, removeMember } from "./membership-admin";
import {
  changeRoleSchema,
  createInviteSchema,
  createTeamSchema,
  deleteTeamSchema,
  leaveTeamSchema,
  removeMemberSchema,
  renameTeamSchema,
  revokeInviteSchema,
  setAutoJoinDomainSchema,
} from "./schemas";
import { createTeam, deleteTeam, renameTeam } from "./service";
import { textSchema } from "../../core/schemas";

// A team: its settings, members and invites (console only), and the two things a person does for
// themself: create a team, and accept an invite to one.

export const teamOperations = {
  createTeam: defineOperation({
    summary: "Create a team, owned by its creator",
    tenant: "user",
    input: createTeamSchema,
    run: async (scope, input) => {
      const team = await createTeam(scope.actor, scope.request, input);
      return { id: team.id, slug: team.slug, name: team.name };
    },
    console: {
      action: "createTeam",
      limit: {
        key: "team:create",
        attempts: 20,
        windowMs: 3_600_000,
        message: "You did this too often in the last hour. Try again later.",
      },
    },
  }),
  acceptInvite: defineOperation({
    summary: "Join a team through an invite link",
    tenant: "user",
    input: z.strictObject({ token: textSchema().min(1).max(200) }),
    run: async (scope, input) => {
      if (!scope.email) throw new DomainError("forbidden", "Your account has no email address, which an invite is addressed to.");
      const team = await acceptInvite({ id: scope.actor.id, email: scope.email }, input.token, scope.request);
      return { slug: team.slug };
    },
    console: {
      action: "acceptInvite",
      limit: { key: "invite", attempts: 10, windowMs: 600_000, message: "Too many invite attempts. Wait ten minutes and try again." },
    },
  }),
  renameTeam: defineOperation({
    summary: "Rename the team",
    tenant: "team",
    input: renameTeamSchema,
    run: async (scope, input) => {
      const team = await renameTeam(scope, input);
      return { id: team.id, name: team.name };
    },
    console: { permission: "team:write", action: "renameTeam" },
  }),
  setAutoJoinDomain: defineOperation({
    summary: "Let people of an email domain join the team on sign-in",
    tenant: "team",
    input: setAutoJoinDomainSchema,
    run: (scope, input) => setAutoJoinDomain(scope, input),
    console: { permission: "members:write", action: "setAutoJoinDomain" },
  }),
  deleteTeam: defineOperation({
    summary: "Delete the team and everything in it",
    tenant: "team",
    input: deleteTeamSchema,
    run: (scope, input) => deleteTeam(scope, input),
    console: { permission: "team:delete", action: "deleteTeam" },
  }),
  createInvite: defineOperation({
    summary: "Invite someone to the team",
    tenant: "team",
    input: createInviteSchema,
    run: async (scope, input) => {
      const { invite, token } = await createInvite(scope, input);
      // The link is shown once; only the token's hash is kept.
      return { id: invite.id, path: `/invite/${token}`, expires_at: invite.expiresAt.toISOString() };
    },
    console: { permission: "members:write", action: "createInvite" },
  }),
  revokeInvite: defineOperation({
    summary: "Revoke an invite",
    tenant: "team",
    input: revokeInviteSchema,
    run: (scope, input) => revokeInvite(scope, input),
    console: { permission: "members:write", action: "revokeInvite" },
  }),
  changeRole: defineOperation({
    summary: "Change a member's role",
    tenant: "team",
    input: changeRoleSchema,
    run: (scope, input) => changeRole(scope, input),
    console: { permission: "members:write", action: "changeRole" },
  }),
  removeMember: defineOperation({
    summary: "Remove a member from the team",
    tenant: "team",
    input: removeMemberSchema,
    run: (scope, input) => removeMember(scope, input),
    console: { permission: "members:write", action: "removeMember" },
  }),
  leaveTeam: defineOperation({
    summary: "Leave the team",
    tenant: "team",
    input: leaveTeamSchema,
    run: (scope) => leaveTeam(scope),
    console: { permission: "team:read", action: "leaveTeam" },
  }),
};
