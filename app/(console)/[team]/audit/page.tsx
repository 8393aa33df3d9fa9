import { ChevronLeft, Download } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/console/page-header";
import { Button } from "@/components/ui/button";
import { nameAuditActors } from "@/lib/domain/audit/actors";
import { listAuditEvents } from "@/lib/domain/audit/queries";
import { listAuditEventsQuerySchema } from "@/lib/domain/audit/schemas";
import { localInputFromUtc, resolveAuditTimeRange } from "@/lib/domain/audit/time-range";
import { requireMember } from "@/lib/http/auth/session";
import { AuditFilters } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";

type Search = Record<string, string | string[] | undefined>;

export default async function AuditPage({ params, searchParams }: { params: Promise<{ team: string }>; searchParams: Promise<Search> }) {
  const { team: slug } = await params;
  const { membership } = await requireMember(slug);
  if (!membership) notFound();
  const raw = await searchParams;
  const search = Object.fromEntries(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" && v ? [[k, v]] : []))) as Record<
    string,
    string
  >;
  const time = resolveAuditTimeRange(search);
  const filters = { action: search.action, actor_id: search.actor_id, target_id: search.target_id, since: time.since, until: time.until };
  const parsed = listAuditEventsQuerySchema.safeParse({ ...filters, cursor: search.cursor, limit: search.limit });
  const query = parsed.success ? parsed.data : listAuditEventsQuerySchema.parse({});
  const scope = { teamId: membership.team.id };
  const page = parsed.success
    ? await listAuditEvents(scope, query).catch(() => ({ audit_events: [], next_cursor: null }))
    : { audit_events: [], next_cursor: null };
  const actors = await nameAuditActors(
    scope,
    page.audit_events.map((e) => e.actor),
  );

  const base = `/${slug}/audit`;
  const present = (entries: [string, string | undefined][]) => entries.filter((entry): entry is [string, string] => Boolean(entry[1]));
  const withParams = (extra: Record<string, string | undefined>) => {
    const merged: Record<string, string | undefined> = { ...search, cursor: undefined, ...extra };
    const next = new URLSearchParams(present(Object.entries(merged)));
    return next.size ? `${base}?${next}` : base;
  };
  // Downloads carry the resolved times, so that "the last 24 hours" means the same rows as on screen.
  const exportHref = (format: "csv" | "json") =>
    `${base}/export?${new URLSearchParams([...present(Object.entries(filters)), ["format", format]])}`;
  const active = Boolean(search.action || search.actor_id || search.target_id || time.range !== "any");

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to apps, keys, members and settings: who made it, when, and from where. Newest first."
        crumbs={[{ label: membership.team.name, href: `/${slug}` }]}
        actions={
          <>
            <Button asChild variant="outline">
              <a href={exportHref("csv")}>
                <Download aria-hidden /> Export CSV
              </a>
            </Button>
            <Button asChild variant="outline">
              <a href={exportHref("json")}>
                <Download aria-hidden /> Export JSON
              </a>
            </Button>
          </>
        }
      />
      <div className="flex flex-col gap-5">
        <AuditFilters
          key={JSON.stringify(search)}
          teamSlug={slug}
          values={{ action: search.action, actor_id: search.actor_id, target_id: search.target_id }}
          range={time.range}
          since={time.range === "custom" ? localInputFromUtc(time.since) : ""}
          until={time.range === "custom" ? localInputFromUtc(time.until) : ""}
          active={active}
        />
        {!parsed.success ? (
          <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
            A filter is invalid: {parsed.error.issues[0]?.path.join(".")} {parsed.error.issues[0]?.message}
          </p>
        ) : null}
        {page.audit_events.length === 0 ? (
          <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">
            {active || search.cursor
              ? "No events match these filters."
              : "No events yet. Every change to keys, apps and members appears here."}
          </p>
        ) : (
          <AuditTable events={page.audit_events} actors={actors} filterHref={(name, id) => withParams({ [name]: id })} />
        )}
        <nav aria-label="Audit log pages" className="flex flex-wrap gap-2">
          {search.cursor ? (
            <Button asChild variant="ghost">
              <Link href={withParams({})}>
                <ChevronLeft aria-hidden /> Newest events
              </Link>
            </Button>
          ) : null}
          {page.next_cursor ? (
            <Button asChild variant="outline">
              <Link href={withParams({ cursor: page.next_cursor })}>Older events</Link>
            </Button>
          ) : null}
        </nav>
      </div>
    </>
  );
}
