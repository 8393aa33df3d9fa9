import "server-only";
import type { TeamScope } from "../../core/scope";
import type { Tx } from "../../platform/db";
import { newId } from "../../core/ids";
import type { AuditAction } from "./actions";

export type AuditInput = {
  /** One of lib/domain/audit/actions.ts: the console's action filter lists the same. */
  action: AuditAction;
  target: { type: string; id: string };
  /** Before and after values, names, roles. Never a secret or a hash. */
  metadata?: Record<string, unknown>;
};

/** Writes one audit row inside the caller's transaction, so the change and its record land together. */
export async function recordAudit(tx: Tx, scope: TeamScope & { appId?: string }, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      id: newId("auditEvent"),
      teamId: scope.teamId,
      appId: scope.appId ?? null,
      actorType: scope.actor.type,
      actorId: scope.actor.id,
      action: input.action,
      targetType: input.target.type,
      targetId: input.target.id,
      metadata: JSON.stringify(input.metadata ?? {}),
      ipAddress: scope.request.ipAddress,
      userAgent: scope.request.userAgent,
    },
  });
}
