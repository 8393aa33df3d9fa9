import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { z } from "zod";
import type { AuditActorName } from "@/lib/domain/audit/actors";
import type { auditEventSchema } from "@/lib/domain/audit/schemas";
import { auditSummary } from "@/lib/domain/audit/summary";
import { Time } from "./time";

export { auditSummary } from "@/lib/domain/audit/summary";

type AuditEvent = z.infer<typeof auditEventSchema>;

/** Who did it: a member's name and email, an app key's name, else the raw id (a member who left). */
export function AuditActor({ actor, name }: { actor: AuditEvent["actor"]; name?: AuditActorName }) {
  if (!name) return <span className="font-mono text-xs">{actor.id}</span>;
  return (
    <span className="flex flex-col" title={`${actor.type} ${actor.id}`}>
      <span className="font-medium">{name.name}</span>
      {name.detail ? <span className="text-xs text-muted-foreground">{name.detail}</span> : null}
    </span>
  );
}

/** The details of one row; the rotation that made this key (an event on the key it replaced) says so. */
function details(event: AuditEvent, subjectId: string | undefined): string {
  if (subjectId && event.target.id !== subjectId && event.action === "api_key.rotated") {
    const trigger = event.metadata.trigger === "scheduled" ? "on schedule" : "on request";
    return `Created by rotating ${event.target.id} (${trigger}).`;
  }
  return auditSummary(event) || "—";
}

type Props = { events: AuditEvent[]; actors?: Record<string, AuditActorName>; empty: string; subjectId?: string };

/** A compact list of audit events, newest first. */
export function AuditTrail({ events, actors = {}, empty, subjectId }: Props) {
  if (events.length === 0)
    return <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">{empty}</p>;
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
          <TableRow key={event.id} className="align-top">
            <TableCell>
              <Time value={event.created_at} />
            </TableCell>
            <TableCell className="font-mono text-xs">{event.action}</TableCell>
            <TableCell>
              <AuditActor actor={event.actor} name={actors[event.actor.id]} />
            </TableCell>
            <TableCell className="max-w-md min-w-64 text-xs whitespace-normal break-words text-muted-foreground">
              {details(event, subjectId)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
