"use server";

import { type ActionInput, consoleAction } from "@/lib/http/actions/run-operation";

// Server actions for an app's projects, app admin keys and project keys: each is the catalogue's
// entry of that name (lib/domain/catalogue.ts), run for the signed-in caller of the team in the URL;
// the input names the app, which must be the team's.

export async function createProjectAction(teamSlug: string, input: ActionInput<"createProject">) {
  return consoleAction(teamSlug, "createProject", input);
}

export async function renameProjectAction(teamSlug: string, input: ActionInput<"renameProject">) {
  return consoleAction(teamSlug, "renameProject", input);
}

export async function deleteProjectAction(teamSlug: string, input: ActionInput<"deleteProject">) {
  return consoleAction(teamSlug, "deleteProject", input);
}

export async function createAppKeyAction(teamSlug: string, input: ActionInput<"createAppApiKey">) {
  return consoleAction(teamSlug, "createAppApiKey", input);
}

export async function renameAppKeyAction(teamSlug: string, input: ActionInput<"updateAppApiKey">) {
  return consoleAction(teamSlug, "updateAppApiKey", input);
}

export async function deleteAppKeyAction(teamSlug: string, input: ActionInput<"deleteAppApiKey">) {
  return consoleAction(teamSlug, "deleteAppApiKey", input);
}

export async function createKeyAction(teamSlug: string, input: ActionInput<"createApiKey">) {
  return consoleAction(teamSlug, "createApiKey", input);
}

export async function updateKeyAction(teamSlug: string, input: ActionInput<"updateApiKey">) {
  return consoleAction(teamSlug, "updateApiKey", input);
}

export async function revokeKeyAction(teamSlug: string, input: ActionInput<"revokeApiKey">) {
  return consoleAction(teamSlug, "revokeApiKey", input);
}

export async function rotateKeyAction(teamSlug: string, input: ActionInput<"rotateApiKey">) {
  return consoleAction(teamSlug, "rotateApiKey", input);
}

export async function changeKeyCreditsAction(teamSlug: string, input: ActionInput<"changeApiKeyCredits">) {
  return consoleAction(teamSlug, "changeApiKeyCredits", input);
}

export async function updateKeyPolicyAction(teamSlug: string, input: ActionInput<"updateKeyPolicy">) {
  return consoleAction(teamSlug, "updateKeyPolicy", input);
}

export async function rotateSigningSecretAction(teamSlug: string, input: ActionInput<"rotateWebhookSigningSecret">) {
  return consoleAction(teamSlug, "rotateWebhookSigningSecret", input);
}

export async function redeliverWebhookAction(teamSlug: string, input: ActionInput<"redeliverWebhookMessage">) {
  return consoleAction(teamSlug, "redeliverWebhookMessage", input);
}

export async function revokeSelectedKeysAction(teamSlug: string, input: ActionInput<"revokeSelectedKeys">) {
  return consoleAction(teamSlug, "revokeSelectedKeys", input);
}

export async function setSelectedKeysEnabledAction(teamSlug: string, input: ActionInput<"setSelectedKeysEnabled">) {
  return consoleAction(teamSlug, "setSelectedKeysEnabled", input);
}

export async function createWebhookEndpointAction(teamSlug: string, input: ActionInput<"createWebhookEndpoint">) {
  return consoleAction(teamSlug, "createWebhookEndpoint", input);
}

export async function deleteWebhookEndpointAction(teamSlug: string, input: ActionInput<"deleteWebhookEndpoint">) {
  return consoleAction(teamSlug, "deleteWebhookEndpoint", input);
}
