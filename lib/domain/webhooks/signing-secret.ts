import "server-only";
import type { AppScope } from "../../core/scope";
import { recordAudit } from "../audit/service";
import { open, seal } from "../../core/crypto/secret-box";
import { db, transaction } from "../../platform/db";
import type { WebhookSigningSecret } from "../../platform/db/models";
import { notFound } from "../../core/errors";
import { iso } from "../../core/schemas";
import { rotatedSigningSecretSchema } from "./schemas";
import { generateSigningSecret } from "../../core/crypto/webhook-signing";

// Each project signs its webhooks with its own whsec_ secret. It is shown once, when it is
// created or rotated, and stored sealed. After a rotation the previous secret keeps signing
// beside the new one for a day, so receivers can switch without refusing a message.

export const PREVIOUS_SECRET_OVERLAP_MS = 86_400_000;

function context(projectId: string): string {
  return `project:${projectId}:webhook-secret`;
}

export type RotatedSigningSecret = { project_id: string; secret: string; previous_secret_expires_at: Date | null };

/** Creates the project's signing secret, or replaces it. The plaintext is returned only here. */
export async function rotateWebhookSigningSecret(scope: AppScope, projectId: string, now = new Date()): Promise<RotatedSigningSecret> {
  const secret = generateSigningSecret();
  return transaction(async (tx) => {
    const project = await tx.project.findFirst({
      where: { id: projectId, appId: scope.appId },
      select: { id: true, webhookSigningSecret: true },
    });
    if (!project) throw notFound("Project");
    const current = project.webhookSigningSecret;
    const previousExpiresAt = current ? new Date(now.getTime() + PREVIOUS_SECRET_OVERLAP_MS) : null;
    const sealed = {
      secret: seal(secret, context(project.id)),
      createdAt: now,
      previousSecret: current?.secret ?? null,
      previousExpiresAt,
    };
    await tx.webhookSigningSecret.upsert({
      where: { projectId: project.id },
      create: { projectId: project.id, ...sealed },
      update: sealed,
    });
    await recordAudit(tx, scope, {
      action: current ? "project.webhook_secret_rotated" : "project.webhook_secret_created",
      target: { type: "project", id: project.id },
      metadata: { previous_secret_expires_at: previousExpiresAt?.toISOString() ?? null },
    });
    return { project_id: project.id, secret, previous_secret_expires_at: previousExpiresAt };
  });
}

/** The documented answer of a rotation: the new secret, this once. */
export function toRotatedSigningSecretJson(rotated: RotatedSigningSecret) {
  return rotatedSigningSecretSchema.parse({ ...rotated, previous_secret_expires_at: iso(rotated.previous_secret_expires_at) });
}

export type SigningSecretInfo = { exists: boolean; created_at: string | null; previous_secret_expires_at: string | null };

/** Whether the project has a signing secret and since when; never the secret itself. */
export async function getWebhookSigningSecretInfo(scope: AppScope, projectId: string, now = new Date()): Promise<SigningSecretInfo> {
  const project = await db().project.findFirst({
    where: { id: projectId, appId: scope.appId },
    select: { webhookSigningSecret: { select: { createdAt: true, previousExpiresAt: true } } },
  });
  if (!project) throw notFound("Project");
  const stored = project.webhookSigningSecret;
  const overlap = stored?.previousExpiresAt && stored.previousExpiresAt > now ? stored.previousExpiresAt : null;
  return { exists: stored !== null, created_at: iso(stored?.createdAt ?? null), previous_secret_expires_at: iso(overlap) };
}

/** The secrets that sign a message sent now: the current one, and the previous one while it overlaps. */
export function signingSecrets(stored: WebhookSigningSecret | null, now: Date): string[] {
  if (!stored) return [];
  const secrets = [open(stored.secret, context(stored.projectId))];
  if (stored.previousSecret && stored.previousExpiresAt && stored.previousExpiresAt > now)
    secrets.push(open(stored.previousSecret, context(stored.projectId)));
  return secrets;
}
