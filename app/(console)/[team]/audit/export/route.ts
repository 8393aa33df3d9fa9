import { collectAuditEvents, toCsv } from "@/lib/domain/audit/export";
import { listAuditEventsQuerySchema } from "@/lib/domain/audit/schemas";
import { memberWith } from "@/lib/http/auth/console-access";

// GET /{team}/audit/export?format=csv|json&…filters: the team's audit log as a download
export async function GET(request: Request, { params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const membership = await memberWith(team, "audit:read");
  if (!membership) return new Response("Not found", { status: 404 });
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = listAuditEventsQuerySchema.omit({ cursor: true, limit: true }).safeParse(search);
  if (!parsed.success)
    return Response.json(
      { error: { code: "invalid_request", message: parsed.error.issues[0]?.message ?? "Invalid filter." } },
      { status: 400 },
    );
  const events = await collectAuditEvents({ teamId: membership.team.id }, parsed.data);
  const stamp = new Date().toISOString().slice(0, 10);
  const csv = search.format !== "json";
  return new Response(csv ? toCsv(events) : JSON.stringify({ audit_events: events }, null, 2), {
    headers: {
      "Content-Type": csv ? "text/csv; charset=utf-8" : "application/json",
      "Content-Disposition": `attachment; filename="latchkey-audit-${membership.team.slug}-${stamp}.${csv ? "csv" : "json"}"`,
      "Cache-Control": "no-store",
    },
  });
}
