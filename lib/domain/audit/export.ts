import "server-only";
import type { z } from "zod";
import { listAuditEvents } from "./queries";
import type { auditEventSchema, ListAuditEventsQuery } from "./schemas";

type AuditEventJson = z.infer<typeof auditEventSchema>;

const PAGE = 500;
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

type Filters = Omit<ListAuditEventsQuery, "cursor" | "limit" | "starting_after">;

/**
 * Every matching event, newest first, a page at a time: the export streams, so its memory does
 * not grow with the log. The first page is read before this returns, so that a failure to read
 * it (the database out of reach) is the request's answer rather than a cut-off file.
 */
export async function auditEventPages(scope: { teamId: string }, filters: Filters): Promise<AsyncGenerator<AuditEventJson[]>> {
  const first = await listAuditEvents(scope, { ...filters, limit: PAGE });
  return (async function* () {
    let page = first;
    yield page.audit_events;
    while (page.next_cursor) {
      page = await listAuditEvents(scope, { ...filters, limit: PAGE, cursor: page.next_cursor });
      yield page.audit_events;
    }
  })();
}

function csvCell(value: string | null): string {
  if (value === null) return "";
  // Quote every value (null stays empty), and defuse spreadsheet formulas in values that came from users.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

const CSV_HEADER = `${COLUMNS.join(",")}\r\n`;

function csvRow(e: AuditEventJson): string {
  return `${[
    e.created_at,
    e.action,
    e.actor.type,
    e.actor.id,
    e.target.type,
    e.target.id,
    e.ip_address,
    e.user_agent,
    JSON.stringify(e.metadata),
  ]
    .map(csvCell)
    .join(",")}\r\n`;
}

export function toCsv(events: AuditEventJson[]): string {
  return CSV_HEADER + events.map(csvRow).join("");
}

/** The export's text, chunk by chunk: CSV with a header row, or `{ "audit_events": [ … ] }` with one event per line. */
export async function* exportChunks(pages: AsyncIterable<AuditEventJson[]>, format: "csv" | "json"): AsyncGenerator<string> {
  let first = true;
  yield format === "csv" ? CSV_HEADER : '{"audit_events":[';
  for await (const events of pages) {
    if (format === "csv") {
      if (events.length > 0) yield events.map(csvRow).join("");
      continue;
    }
    for (const event of events) {
      yield `${first ? "" : ","}\n${JSON.stringify(event)}`;
      first = false;
    }
  }
  if (format === "json") yield "\n]}\n";
}
