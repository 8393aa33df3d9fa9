"use server";

import { type ActionInput, consoleAction } from "@/lib/http/actions/run-operation";

// Server actions for a team's console: each is the catalogue's entry of that name
// (lib/domain/catalogue.ts), run for the signed-in caller of the team in the URL. Next checks each
// call's Origin against the host (CSRF).

export async function createAppAction(teamSlug: string, input: ActionInput<"createApp">) {
  return consoleAction(teamSlug, "createApp", input);
}

export async function renameAppAction(teamSlug: string, input: ActionInput<"renameApp">) {
  return consoleAction(teamSlug, "renameApp", input);
}

export async function deleteAppAction(teamSlug: string, input: ActionInput<"deleteApp">) {
  return consoleAction(teamSlug, "deleteApp", input);
}

export async function createInviteAction(teamSlug: string, input: ActionInput<"createInvite">) {
  return consoleAction(teamSlug, "createInvite", input);
}

export async function revokeInviteAction(teamSlug: string, input: ActionInput<"revokeInvite">) {
  return consoleAction(teamSlug, "revokeInvite", input);
}

export async function changeRoleAction(teamSlug: string, input: ActionInput<"changeRole">) {
  return consoleAction(teamSlug, "changeRole", input);
}

export async function removeMemberAction(teamSlug: string, input: ActionInput<"removeMember">) {
  return consoleAction(teamSlug, "removeMember", input);
}

export async function leaveTeamAction(teamSlug: string, input: ActionInput<"leaveTeam">) {
  return consoleAction(teamSlug, "leaveTeam", input);
}

export async function renameTeamAction(teamSlug: string, input: ActionInput<"renameTeam">) {
  return consoleAction(teamSlug, "renameTeam", input);
}

export async function setAutoJoinDomainAction(teamSlug: string, input: ActionInput<"setAutoJoinDomain">) {
  return consoleAction(teamSlug, "setAutoJoinDomain", input);
}

export async function createTeamAction(teamSlug: string, input: ActionInput<"createTeam">) {
  return consoleAction(teamSlug, "createTeam", input);
}

export async function deleteTeamAction(teamSlug: string, input: ActionInput<"deleteTeam">) {
  return consoleAction(teamSlug, "deleteTeam", input);
}
