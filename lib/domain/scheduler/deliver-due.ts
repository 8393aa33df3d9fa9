import "server-only";
import { db } from "../../platform/db";
import type { PassContext } from "./context";
import { type DeliveryEntry, dueWhere } from "./deliver-message";
import { DeliveryLane } from "./delivery-lane";

export type { DeliveryEntry } from "./deliver-message";

// Phase 4 of a single pass (`latchkey worker --once`, tests): deliver the due outbox, up to the
// pass's limit, through the same lane a running worker uses (lib/domain/scheduler/delivery-lane.ts),
// and return once every attempt is recorded. A running worker does not wait for this: its
// lane delivers beside the passes (lib/domain/scheduler/loop.ts).

export async function deliverDueMessages(ctx: PassContext): Promise<DeliveryEntry[]> {
  if (ctx.dryRun) {
    const due = await db().webhookMessage.findMany({
      where: dueWhere(ctx.now, new Date()),
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      take: ctx.limit,
    });
    return due.map((m) => ({
      message_id: m.id,
      type: m.eventType,
      url: m.url,
      attempt: m.attempts + 1,
      outcome: "would_send",
      status_code: null,
      error: null,
      next_attempt_at: null,
    }));
  }
  const entries: DeliveryEntry[] = [];
  const errors: unknown[] = [];
  const lane = new DeliveryLane(ctx, {
    budget: ctx.limit,
    onEntry: (entry) => entries.push(entry),
    onError: (error) => errors.push(error),
  });
  await lane.drain();
  if (errors.length > 0) throw errors[0];
  return entries;
}
