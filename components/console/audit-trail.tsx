import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { z } from "zod";
import type { auditEventSchema } from "@/lib/audit/schemas";
import { Time } from "./time";

type AuditEvent = z.infer<typeof auditEventSchema>;

/** "name: old → new" for each changed field of an update, else the event's notable fields. */
export function auditSummary(event: AuditEvent): string {
  const { before, after } = event.metadata as { before?: Record<string, unknown>; after?: Record<string, unknown> };
  const show = (v: unknown) => (v === null || v === undefined ? "none" : Array.isArray(v) ? (v.length ? v.join(" ") : "none") : String(v));
  if (before && after) {
    return Object.keys(after)
      .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      .map((field) => `${field}: ${show(before[field])} → ${show(after[field])}`)
      .join("; ");
  }
  return Object.entries(event.metadata)
    .filter(([, v]) => v !== null && typeof v !== "object")
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join("; ");
}

/** A compact list of audit events, newest first. */
export function AuditTrail({ events, empty }: { events: AuditEvent[]; empty: string }) {
  if (events.length === 0) return <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">{empty}</p>;
  return (
    <Table aria-label="Audit trail">
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>By</TableHead>
          <TableHead>Details</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.id}>
            <TableCell className="whitespace-nowrap">
              <Time value={event.created_at} />
            </TableCell>
            <TableCell className="font-mono text-xs">{event.action}</TableCell>
            <TableCell className="font-mono text-xs">{event.actor.id}</TableCell>
            <TableCell className="max-w-md min-w-64 text-xs whitespace-normal break-all text-muted-foreground">{auditSummary(event)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
