import "server-only";
import type { AppScope } from "../../core/scope";
import { pageOf, pageOrder, pageStart, readAfter } from "../../core/pagination";
import { db } from "../../platform/db";
import type { Prisma } from "../../platform/db";
import { auditEventPageSchema, type ListAuditEventsQuery } from "./schemas";

// Newest first, in pages. The cursor is the last row's (createdAt, id), so pages stay stable
// while new events arrive (lib/core/cursor.ts).

/** The events of a team, or of one of its apps when the scope names one (app keys always do). */
export async function listAuditEvents(scope: Pick<AppScope, "teamId"> & { appId?: string }, query: ListAuditEventsQuery) {
  const where: Prisma.AuditEventWhereInput = {
    teamId: scope.teamId,
    ...(scope.appId ? { appId: scope.appId } : {}),
    action: query.action,
    actorId: query.actor_id,
    targetId: query.target_id,
    createdAt: { gte: query.since, lte: query.until },
  };
  const start = await pageStart(query, (id) =>
    db().auditEvent.findFirst({ where: { ...where, id }, select: { id: true, createdAt: true } }),
  );
  const rows = await readAfter(
    (after, take) => db().auditEvent.findMany({ where: { AND: [where, after] }, orderBy: [...pageOrder("desc")], take }),
    start,
    "desc",
    query.limit + 1,
  );
  const page = pageOf(rows, query.limit, (e) => e);
  return auditEventPageSchema.parse({
    audit_events: page.items.map((e) => ({
      id: e.id,
      action: e.action,
      actor: { type: e.actorType, id: e.actorId },
      target: { type: e.targetType, id: e.targetId },
      metadata: JSON.parse(e.metadata) as Record<string, unknown>,
      ip_address: e.ipAddress,
      user_agent: e.userAgent,
      created_at: e.createdAt.toISOString(),
    })),
    next_cursor: page.next_cursor,
  });
}
