"use server";

import { APP_ACTIONS, performAppAction } from "@/lib/http/actions/app-actions";
import { actionCaller as caller } from "@/lib/http/actions/caller";

// Server actions for an app's projects, app admin keys and project keys: each one is an entry
// of lib/http/actions/app-actions.ts, run for the signed-in caller of the team in the URL.

export async function createProjectAction(teamSlug: string, input: unknown) {
  return performAppAction(await caller(teamSlug), APP_ACTIONS.createProject, input);
}

export async function renameProjectAction(teamSlug: string, input: unknown) {
  return performAppAction(await caller(teamSlug), APP_ACTIONS.renameProject, input);
}

export async function deleteProjectAction(teamSlug: string, input: unknown) {
  return performAppAction(await caller(teamSlug), APP_ACTIONS.deleteProject, input);
}

export async function createAppKeyAction(teamSlug: string, input: unknown) {
  return performAppAction(await caller(teamSlug), APP_ACTIONS.createAppKey, input);
}

export async function renameAppKeyAction(teamSlug: string, input: unknown) {
  return performAppAction(await caller(teamSlug), APP_ACTIONS.renameAppKey, input);
}

export async function deleteAppKeyAction(teamSlug: string, input: unknown) {
  return performAppAction(await caller(teamSlug), APP_ACTIONS.deleteAppKey, input);
}

export async function createKeyAction(teamSlug: string, input: unknown) {
  return performAppAction(await caller(teamSlug), APP_ACTIONS.createKey, input);
}

export async function updateKeyAction(teamSlug: string, input: unknown) {
  return performAppAction(await caller(teamSlug), APP_ACTIONS.updateKey, input);
}

export async function revokeKeyAction(teamSlug: string, input: unknown) {
  return performAppAction(await caller(teamSlug), APP_ACTIONS.revokeKey, input);
}

export async function rotateKeyAction(teamSlug: string, input: unknown) {
  return performAppAction(await caller(teamSlug), APP_ACTIONS.rotateKey, input);
}

export async function updateKeyPolicyAction(teamSlug: string, input: unknown) {
  return performAppAction(await caller(teamSlug), APP_ACTIONS.updateKeyPolicy, input);
}

export async function rotateSigningSecretAction(teamSlug: string, input: unknown) {
  return performAppAction(await caller(teamSlug), APP_ACTIONS.rotateSigningSecret, input);
}

export async function redeliverWebhookAction(teamSlug: string, input: unknown) {
  return performAppAction(await caller(teamSlug), APP_ACTIONS.redeliverWebhook, input);
}
