import Link from "next/link";
import { notFound } from "next/navigation";
import { listAuditEvents } from "@/lib/audit/queries";
import { listAuditEventsQuerySchema } from "@/lib/audit/schemas";
import { requireMember } from "@/lib/auth/session";

const FILTERS = [
  { name: "action", label: "Action", placeholder: "api_key.revoked" },
  { name: "actor_id", label: "Actor", placeholder: "usr_… or apk_…" },
  { name: "target_id", label: "Target", placeholder: "key_…" },
] as const;

export default async function AuditPage({ params, searchParams }: { params: Promise<{ team: string }>; searchParams: Promise<Record<string, string>> }) {
  const { team: slug } = await params;
  const { membership } = await requireMember(slug);
  if (!membership) notFound();
  const search = await searchParams;
  const parsed = listAuditEventsQuerySchema.safeParse(search);
  const query = parsed.success ? parsed.data : listAuditEventsQuerySchema.parse({});
  const page = await listAuditEvents({ teamId: membership.team.id }, query).catch(() => ({ audit_events: [], next_cursor: null }));
  const filters = new URLSearchParams(Object.entries(search).filter(([k, v]) => k !== "cursor" && v));
  return (
    <section className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <div className="flex gap-2 text-sm">
          <a className="rounded-md border border-border px-3 py-1.5 hover:bg-muted" href={`/${slug}/audit/export?${new URLSearchParams([...filters, ["format", "csv"]])}`}>
            Export CSV
          </a>
          <a className="rounded-md border border-border px-3 py-1.5 hover:bg-muted" href={`/${slug}/audit/export?${new URLSearchParams([...filters, ["format", "json"]])}`}>
            Export JSON
          </a>
        </div>
      </div>
      <form className="flex flex-wrap items-end gap-2 text-sm" method="get">
        {FILTERS.map((f) => (
          <label key={f.name} className="flex flex-col gap-1">
            <span className="font-medium">{f.label}</span>
            <input name={f.name} defaultValue={search[f.name] ?? ""} placeholder={f.placeholder} className="rounded-md border border-border px-3 py-1.5" />
          </label>
        ))}
        <button type="submit" className="rounded-md bg-primary px-3 py-1.5 font-medium text-primary-foreground">
          Filter
        </button>
      </form>
      {!parsed.success ? <p role="alert" className="text-sm text-red-700">A filter is invalid: {parsed.error.issues[0]?.message}</p> : null}
      {page.audit_events.length === 0 ? (
        <p className="rounded-md border border-dashed border-border p-6 text-sm text-muted-foreground">No events match. Every change to keys, apps and members appears here.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-border text-muted-foreground">
              <tr>
                <th className="py-2 pr-4 font-medium">When</th>
                <th className="py-2 pr-4 font-medium">Action</th>
                <th className="py-2 pr-4 font-medium">Actor</th>
                <th className="py-2 pr-4 font-medium">Target</th>
                <th className="py-2 font-medium">IP</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {page.audit_events.map((e) => (
                <tr key={e.id}>
                  <td className="py-2 pr-4 whitespace-nowrap">{e.created_at.replace("T", " ").slice(0, 19)}</td>
                  <td className="py-2 pr-4 font-mono">{e.action}</td>
                  <td className="py-2 pr-4 font-mono">{e.actor.id}</td>
                  <td className="py-2 pr-4 font-mono">{e.target.id}</td>
                  <td className="py-2">{e.ip_address ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.next_cursor ? (
        <Link className="w-fit text-sm underline underline-offset-4" href={`/${slug}/audit?${new URLSearchParams([...filters, ["cursor", page.next_cursor]])}`}>
          Older events
        </Link>
      ) : null}
    </section>
  );
}
