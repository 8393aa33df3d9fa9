"use server";

import { actionCaller as caller } from "@/lib/http/actions/caller";
import { runTeamAction } from "@/lib/http/actions/team-action";
import { runUserAction } from "@/lib/http/actions/user-action";
import { createAppSchema, deleteAppSchema, renameAppSchema } from "@/lib/domain/apps/schemas";
import { createApp, deleteApp, renameApp } from "@/lib/domain/apps/service";
import { setAutoJoinDomain } from "@/lib/domain/teams/domains";
import { createInvite, revokeInvite } from "@/lib/domain/teams/invites";
import { changeRole, leaveTeam, removeMember } from "@/lib/domain/teams/membership-admin";
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
} from "@/lib/domain/teams/schemas";
import { createTeam, deleteTeam, renameTeam } from "@/lib/domain/teams/service";

// Server actions for a team's console. Next checks each call's Origin against the host (CSRF).

export async function createAppAction(teamSlug: string, input: unknown) {
  return runTeamAction(await caller(teamSlug), "apps:write", createAppSchema, input, async (scope, data) => {
    const app = await createApp(scope, data);
    return { id: app.id, name: app.name };
  });
}

export async function renameAppAction(teamSlug: string, input: unknown) {
  return runTeamAction(await caller(teamSlug), "apps:write", renameAppSchema, input, async (scope, data) => {
    const app = await renameApp(scope, data);
    return { id: app.id, name: app.name };
  });
}

export async function deleteAppAction(teamSlug: string, input: unknown) {
  return runTeamAction(await caller(teamSlug), "apps:write", deleteAppSchema, input, async (scope, data) => {
    await deleteApp(scope, data);
    return null;
  });
}

export async function createInviteAction(teamSlug: string, input: unknown) {
  return runTeamAction(await caller(teamSlug), "members:write", createInviteSchema, input, async (scope, data) => {
    const { invite, token } = await createInvite(scope, data);
    // The link is shown once; only the token's hash is kept.
    return { id: invite.id, path: `/invite/${token}`, expires_at: invite.expiresAt.toISOString() };
  });
}

export async function revokeInviteAction(teamSlug: string, input: unknown) {
  return runTeamAction(await caller(teamSlug), "members:write", revokeInviteSchema, input, (scope, data) => revokeInvite(scope, data));
}

export async function changeRoleAction(teamSlug: string, input: unknown) {
  return runTeamAction(await caller(teamSlug), "members:write", changeRoleSchema, input, (scope, data) => changeRole(scope, data));
}

export async function removeMemberAction(teamSlug: string, input: unknown) {
  return runTeamAction(await caller(teamSlug), "members:write", removeMemberSchema, input, (scope, data) => removeMember(scope, data));
}

export async function leaveTeamAction(teamSlug: string, input: unknown) {
  return runTeamAction(await caller(teamSlug), "team:read", leaveTeamSchema, input, (scope) => leaveTeam(scope));
}

export async function renameTeamAction(teamSlug: string, input: unknown) {
  return runTeamAction(await caller(teamSlug), "team:write", renameTeamSchema, input, async (scope, data) => {
    const team = await renameTeam(scope, data);
    return { id: team.id, name: team.name };
  });
}

export async function setAutoJoinDomainAction(teamSlug: string, input: unknown) {
  return runTeamAction(await caller(teamSlug), "members:write", setAutoJoinDomainSchema, input, (scope, data) =>
    setAutoJoinDomain(scope, data),
  );
}

/** Any signed-in person may create a team (from the team switcher); they own it. */
export async function createTeamAction(teamSlug: string, input: { name: string }) {
  const { userId, request } = await caller(teamSlug);
  return runUserAction({ userId, request }, "team:create", 20, createTeamSchema, input, async (scope, data) => {
    const team = await createTeam(scope.actor, scope.request, data);
    return { id: team.id, slug: team.slug, name: team.name };
  });
}

export async function deleteTeamAction(teamSlug: string, input: unknown) {
  return runTeamAction(await caller(teamSlug), "team:delete", deleteTeamSchema, input, (scope, data) => deleteTeam(scope, data));
}
