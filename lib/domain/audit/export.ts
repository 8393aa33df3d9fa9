import "server-only";
import type { z } from "zod";
import { listAuditEvents } from "./queries";
import type { auditEventSchema, ListAuditEventsQuery } from "./schemas";

type AuditEventJson = z.infer<typeof auditEventSchema>;

export const MAX_EXPORT_ROWS = 10_000;
const COLUMNS = [
  "created_at",
  "action",
  "actor_type",
  "actor_id",
  "target_type",
  "target_id",
  "ip_address",
  "user_agent",
  "metadata",
] as const;

/** Every matching event, newest first, up to MAX_EXPORT_ROWS, walking the same pages as the API. */
export async function collectAuditEvents(
  scope: { teamId: string },
  query: Omit<ListAuditEventsQuery, "cursor" | "limit">,
): Promise<AuditEventJson[]> {
  const events: AuditEventJson[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAuditEvents(scope, { ...query, limit: 100, cursor });
    events.push(...page.audit_events);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && events.length < MAX_EXPORT_ROWS);
  return events.slice(0, MAX_EXPORT_ROWS);
}

function csvCell(value: string | null): string {
  if (value === null) return "";
  // Quote every value (null stays empty), and defuse spreadsheet formulas in values that came from users.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function toCsv(events: AuditEventJson[]): string {
  const rows = events.map((e) =>
    [e.created_at, e.action, e.actor.type, e.actor.id, e.target.type, e.target.id, e.ip_address, e.user_agent, JSON.stringify(e.metadata)]
      .map(csvCell)
      .join(","),
  );
  return `${[COLUMNS.join(","), ...rows].join("\r\n")}\r\n`;
}
