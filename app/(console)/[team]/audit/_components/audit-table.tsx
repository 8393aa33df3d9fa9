import Link from "next/link";
import type { z } from "zod";
import { auditSummary } from "@/components/console/audit-trail";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditActorName } from "@/lib/domain/audit/actors";
import type { auditEventSchema } from "@/lib/domain/audit/schemas";

type AuditEvent = z.infer<typeof auditEventSchema>;

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;

/** One page of the audit log. Actors and targets link to the log filtered on them. */
export function AuditTable({
  events,
  actors,
  filterHref,
}: {
  events: AuditEvent[];
  actors: Record<string, AuditActorName>;
  filterHref: (name: "actor_id" | "target_id", id: string) => string;
}) {
  return (
    <Table aria-label="Audit events">
      <TableHeader>
        <TableRow>
          <TableHead>When (UTC)</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Actor</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>Details</TableHead>
          <TableHead>IP</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((e) => {
          const actor = actors[e.actor.id];
          return (
            <TableRow key={e.id} className="align-top">
              <TableCell className="font-mono text-xs tabular-nums">
                <time dateTime={e.created_at}>{utc(e.created_at)}</time>
              </TableCell>
              <TableCell className="font-mono text-xs">{e.action}</TableCell>
              <TableCell className="max-w-48 whitespace-normal break-words">
                <Link
                  href={filterHref("actor_id", e.actor.id)}
                  title={`${e.actor.type} ${e.actor.id}`}
                  className="flex flex-col rounded-sm underline-offset-4 hover:underline"
                >
                  {actor ? (
                    <>
                      <span className="font-medium">{actor.name}</span>
                      {actor.detail ? <span className="text-xs text-muted-foreground">{actor.detail}</span> : null}
                    </>
                  ) : (
                    <span className="font-mono text-xs">{e.actor.id}</span>
                  )}
                </Link>
              </TableCell>
              <TableCell className="max-w-44 whitespace-normal break-all">
                <Link
                  href={filterHref("target_id", e.target.id)}
                  title={`Only events on ${e.target.id}`}
                  className="flex flex-col rounded-sm underline-offset-4 hover:underline"
                >
                  <span className="text-xs text-muted-foreground">{e.target.type}</span>
                  <span className="font-mono text-xs">{e.target.id}</span>
                </Link>
              </TableCell>
              <TableCell className="max-w-sm min-w-56 text-xs whitespace-normal break-words text-muted-foreground">
                {auditSummary(e) || "—"}
              </TableCell>
              <TableCell className="text-xs" title={e.user_agent ?? undefined}>
                {e.ip_address ?? <span className="text-muted-foreground">—</span>}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
