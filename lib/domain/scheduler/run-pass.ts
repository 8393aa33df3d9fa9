import "server-only";
import { pruneChangeLog } from "../../platform/cache/change-log";
import { serverMetrics } from "../../platform/metrics";
import { newWorkerId, type PassContext } from "./context";
import { type DeliveryEntry, deliverDueMessages } from "./deliver-due";
import { announceExpiredKeys, endGracePeriods, enqueueExpiringNotices, type NoticeEntry, wipeHeldKeys } from "./notices";
import { applyStalePolicy, type StaleEntry } from "./stale";
import { type RotationEntry, rotateDueKeys } from "./rotate-due";
import { refillDueCredits } from "../keys/credits";

export type PassOptions = Partial<Omit<PassContext, "now" | "clock">> & {
  now?: Date;
  /** The pass's clock; by default it runs in real time from `now`. */
  clock?: () => Date;
  /** Deliver the due webhooks too (the default). A running worker delivers beside its passes instead. */
  deliver?: boolean;
};

export type SchedulerReport = {
  at: string;
  dry_run: boolean;
  worker_id: string;
  rotations: RotationEntry[];
  notices: NoticeEntry[];
  /** The stale-key policy's warnings and disablings. */
  stale: StaleEntry[];
  /** How many held plaintext keys were wiped (or would be) because their grace period ended. */
  wiped_keys: number;
  /** How many keys' credits were refilled because their day or month began (none in a dry run). */
  credits_refilled: number;
  deliveries: DeliveryEntry[];
};

/**
 * One pass of the scheduler, as if at `now` (default: the real time): rotate due keys, write
 * expiry and grace-end notices, wipe held keys whose grace ended, then deliver the due
 * webhooks (unless `deliver` is false). Everything overdue is handled, so one pass after
 * downtime catches up. With dryRun it changes nothing and reports what it would do.
 */
export async function runSchedulerPass(options: PassOptions = {}): Promise<SchedulerReport> {
  const wallStart = Date.now();
  const now = options.now ?? new Date(wallStart);
  const offset = now.getTime() - wallStart;
  const ctx: PassContext = {
    now,
    // The real clock, moved by as much as `now` is from the real time.
    clock: options.clock ?? (() => new Date(Date.now() + offset)),
    dryRun: options.dryRun ?? false,
    workerId: options.workerId ?? newWorkerId(),
    limit: options.limit ?? 500,
    leaseMs: options.leaseMs ?? 60_000,
    send: options.send ?? {},
    random: options.random ?? Math.random,
  };
  const rotations = await rotateDueKeys(ctx);
  const notices = [...(await enqueueExpiringNotices(ctx)), ...(await announceExpiredKeys(ctx)), ...(await endGracePeriods(ctx))];
  const stale = await applyStalePolicy(ctx);
  // Wiping comes before sending, so that a key is never sent after its grace period ended.
  const wiped = await wipeHeldKeys(ctx);
  const refilled = ctx.dryRun ? 0 : await refillDueCredits(ctx.now);
  const deliveries = options.deliver === false ? [] : await deliverDueMessages(ctx);
  if (!ctx.dryRun) await pruneChangeLog(ctx.now);
  if (!ctx.dryRun) {
    serverMetrics.schedulerPass.observe((Date.now() - wallStart) / 1000);
    serverMetrics.keysRotated.inc(rotations.filter((r) => r.outcome === "rotated").length);
  }
  return {
    at: ctx.now.toISOString(),
    dry_run: ctx.dryRun,
    worker_id: ctx.workerId,
    rotations,
    notices,
    stale,
    wiped_keys: wiped,
    credits_refilled: refilled,
    deliveries,
  };
}

export function isEmptyReport(report: SchedulerReport): boolean {
  return (
    report.rotations.length +
      report.notices.length +
      report.stale.length +
      report.wiped_keys +
      report.credits_refilled +
      report.deliveries.length ===
    0
  );
}

/** A few lines for people: one per thing done, or a line saying there was nothing to do. */
export function formatReport(report: SchedulerReport): string {
  const verb = (done: string, would: string) => (report.dry_run ? would : done);
  const lines = [`Scheduler pass at ${report.at}${report.dry_run ? " (dry run: nothing changed)" : ""}, worker ${report.worker_id}`];
  for (const r of report.rotations) {
    if (r.outcome === "skipped") lines.push(`  skipped    ${r.key_id}: ${r.reason}`);
    else
      lines.push(
        `  ${verb("rotated", "would rotate")} ${r.key_id}${r.new_key_id ? ` -> ${r.new_key_id}` : ""}, old key valid until ${r.grace_expires_at}`,
      );
  }
  for (const n of report.notices) lines.push(`  ${verb("queued", "would queue")} ${n.type} for ${n.key_id}: ${n.detail}`);
  for (const s of report.stale)
    lines.push(
      `  ${s.type === "api_key.disabled" ? verb("disabled", "would disable") : verb("warned", "would warn")} ${s.key_id}: ${s.detail}`,
    );
  if (report.credits_refilled > 0) lines.push(`  refilled the credits of ${report.credits_refilled} key(s)`);
  if (report.wiped_keys > 0) lines.push(`  ${verb("wiped", "would wipe")} ${report.wiped_keys} held key(s) whose grace period ended`);
  for (const d of report.deliveries) lines.push(`  ${formatDelivery(d)}`);
  if (isEmptyReport(report)) lines.push("  nothing to do");
  return lines.join("\n");
}

/** One delivery attempt as a line for people. */
export function formatDelivery(d: DeliveryEntry): string {
  const status = d.status_code === null ? (d.error ?? "") : `HTTP ${d.status_code}`;
  const next = d.next_attempt_at ? `, next attempt ${d.next_attempt_at}` : "";
  return `${d.outcome === "would_send" ? "would send" : d.outcome.padEnd(10)} ${d.type} ${d.message_id} to ${d.url} (attempt ${d.attempt}${status ? `, ${status}` : ""}${next})`;
}
