import Link from "next/link";
import { AuditTrail } from "@/components/console/audit-trail";
import { CopyableId } from "@/components/console/copy-button";
import { PageHeader } from "@/components/console/page-header";
import { Panel } from "@/components/console/panel";
import { StatusBadge } from "@/components/console/status-badge";
import { keyEnd } from "@/components/console/key-end";
import { Time } from "@/components/console/time";
import { UsageChart } from "@/components/console/usage-chart";
import { nameAuditActors } from "@/lib/domain/audit/actors";
import { listAuditEvents } from "@/lib/domain/audit/queries";
import { listAuditEventsQuerySchema } from "@/lib/domain/audit/schemas";
import { requireKey } from "@/lib/http/auth/session";
import { getRotationChain, listProjectScopes } from "@/lib/domain/keys/queries";
import { type ConsoleKey, toConsoleKey } from "@/lib/domain/keys/serialize";
import { getKeyUsage } from "@/lib/domain/keys/usage-report";
import { getProject } from "@/lib/domain/projects/service";
import { roleCan } from "@/lib/domain/teams/permissions";
import { isSwitchable } from "@/lib/domain/keys/state";
import { KeyAccessForm } from "./_components/key-access-form";
import { KeyActions } from "./_components/key-actions";
import { KeyOwnerForm } from "./_components/key-owner-form";
import { KeyLimitsForm } from "./_components/key-limits-form";
import { windowLabel } from "@/components/console/limits-text";
import { PolicyForm } from "./_components/policy-form";
import { VerifyPanel } from "./_components/verify-panel";

type Props = { params: Promise<{ team: string; app: string; key: string }> };

export default async function KeyPage({ params }: Props) {
  const { team: slug, app: appId, key: keyId } = await params;
  const { membership, app, scope, key: row } = await requireKey(slug, appId, keyId);
  const now = new Date();
  const [project, chain, audit, usage, scopeSuggestions] = await Promise.all([
    getProject(scope, row.projectId),
    getRotationChain(scope, row.id),
    listAuditEvents(scope, listAuditEventsQuerySchema.parse({ target_id: row.id, limit: 50 })),
    getKeyUsage(scope, row.id, "24h", now),
    listProjectScopes(scope, row.projectId),
  ]);
  const key = toConsoleKey(row, now);
  // A key made by rotation has its beginning on the key it replaced: that rotation joins its trail.
  const previous = chain[chain.findIndex((link) => link.id === row.id) - 1];
  const origin = previous
    ? (
        await listAuditEvents(scope, listAuditEventsQuerySchema.parse({ target_id: previous.id, action: "api_key.rotated", limit: 10 }))
      ).audit_events.filter((e) => e.metadata.new_key_id === row.id)
    : [];
  const events = [...audit.audit_events, ...origin].sort((x, y) => y.created_at.localeCompare(x.created_at));
  const actors = await nameAuditActors(
    scope,
    events.map((e) => e.actor),
  );
  const end = keyEnd(key);
  const environment = project.environments.find((e) => e.id === key.environment_id);
  const base = `/${slug}/apps/${app.id}`;
  const canWrite = roleCan(membership.role, "keys:write");
  const changeable = isSwitchable(key.status);
  // A replaced key keeps its scopes and expiry until its grace ends; its replacement is the one to change.
  const editable = canWrite && changeable && !key.replaced_by_key_id;

  const details: [string, React.ReactNode][] = [
    ["Key ID", <CopyableId key="id" id={key.id} label="Copy key ID" />],
    [
      "Key",
      <span key="prefix" className="font-mono text-xs">
        {key.key_prefix}…
      </span>,
    ],
    [
      "Environment",
      environment ? (
        <span key="env" className="flex flex-wrap items-center gap-x-2">
          {environment.name} <CopyableId id={environment.id} label="Copy environment ID" className="text-muted-foreground" />
        </span>
      ) : (
        "—"
      ),
    ],
    ["Project ID", <CopyableId key="prj" id={project.id} label="Copy project ID" />],
    ["Scopes", <Chips key="s" values={key.scopes} empty="None" />],
    ...(key.enabled
      ? []
      : ([["Disabled", <DisabledReason key="d" keyRow={key} unusedDays={project.disableAfterUnusedDays} />]] as [
          string,
          React.ReactNode,
        ][])),
    ["Owner ID", key.owner_id ? <CopyableId key="own" id={key.owner_id} label="Copy owner ID" /> : "None"],
    ["Created", <Time key="c" value={key.created_at} />],
    ["Last used", <Time key="l" value={key.last_used_at} empty="Never" />],
    ...(key.last_used_ip || key.last_used_user_agent
      ? ([
          [
            "Last used from",
            <span key="from" className="grid gap-0.5">
              {key.last_used_ip ? <span className="font-mono text-xs">{key.last_used_ip}</span> : null}
              {key.last_used_user_agent ? <span className="text-xs text-muted-foreground">{key.last_used_user_agent}</span> : null}
            </span>,
          ],
        ] as [string, React.ReactNode][])
      : []),
    ["IP allow-list", <Chips key="ips" values={key.ip_allowlist} empty="Any address" />],
    [
      "Rate limits",
      <Chips
        key="rl"
        values={key.rate_limits.map((l) => `${l.name}: ${l.limit.toLocaleString("en")} per ${windowLabel(l.window_seconds)}`)}
        empty="None"
      />,
    ],
    ["Credits", <CreditsLine key="cr" credits={key.credits} />],
    ["Expires", <Time key="e" value={key.expires_at} empty="Never" />],
    ["Next rotation", <Time key="n" value={key.next_rotation_at} empty="Not scheduled" />],
    ...(previous
      ? ([
          [
            "Created by",
            <span key="o">
              rotating{" "}
              <Link className="font-mono text-xs underline underline-offset-4" href={`${base}/keys/${previous.id}`}>
                {previous.keyPrefix}…
              </Link>
            </span>,
          ],
        ] as [string, React.ReactNode][])
      : []),
    // A rotated key stops at the end of its grace period; a revoked one stopped when it was revoked.
    ...(end?.reason === "grace"
      ? ([[new Date(end.at) > now ? "Stops working" : "Stopped working", <Time key="g" value={end.at} />]] as [string, React.ReactNode][])
      : []),
    ...(key.revoked_at ? ([["Revoked", <Time key="r" value={key.revoked_at} />]] as [string, React.ReactNode][]) : []),
  ];

  return (
    <>
      <PageHeader
        title={key.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={key.status} />
            <span>
              in{" "}
              <Link className="underline underline-offset-4" href={`${base}/projects/${project.id}`}>
                {project.name}
              </Link>
            </span>
          </span>
        }
        crumbs={[
          { label: "Apps", href: `/${slug}` },
          { label: app.name, href: base },
          { label: project.name, href: `${base}/projects/${project.id}` },
        ]}
        actions={
          canWrite ? (
            <KeyActions teamSlug={slug} appId={app.id} keyRow={key} canRename={changeable} maxLifetimeDays={project.maxKeyLifetimeDays} />
          ) : null
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Panel id="details" title="Details">
          <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 text-sm">
            {details.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd className="min-w-0 break-words">{value}</dd>
              </div>
            ))}
          </dl>
        </Panel>
        <Panel id="policy" title="Rotation policy">
          <PolicyForm
            teamSlug={slug}
            appId={app.id}
            keyRow={key}
            editable={editable}
            projectGraceSeconds={project.defaultGracePeriodSeconds}
          />
        </Panel>
      </div>
      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        {editable ? (
          <Panel
            id="access"
            title="Scopes and expiry"
            description="What the key may do, and until when. Verifications see a change at once."
          >
            <KeyAccessForm
              key={`${key.expires_at}|${key.scopes.join(" ")}`}
              teamSlug={slug}
              appId={app.id}
              keyRow={key}
              scopeSuggestions={scopeSuggestions}
            />
          </Panel>
        ) : null}
        {canWrite && changeable ? (
          <Panel
            id="owner"
            title="Owner, meta and IP allow-list"
            description="Who the key belongs to, what verification returns with it, and where it may be used from."
          >
            <KeyOwnerForm
              key={`${key.owner_id}|${JSON.stringify(key.meta)}|${key.ip_allowlist.join(" ")}`}
              teamSlug={slug}
              appId={app.id}
              keyRow={key}
            />
          </Panel>
        ) : key.meta ? (
          <Panel id="owner" title="Meta">
            <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">{JSON.stringify(key.meta, null, 2)}</pre>
          </Panel>
        ) : null}
        {canWrite && changeable ? (
          <Panel
            id="limits"
            className="lg:col-span-2"
            title="Rate limits and credits"
            description="How often, and how many times, the key may be used. Verifications see a change at once."
          >
            <KeyLimitsForm
              key={`${JSON.stringify(key.rate_limits)}|${JSON.stringify(key.credits)}`}
              teamSlug={slug}
              appId={app.id}
              keyRow={key}
            />
          </Panel>
        ) : null}
        <Panel id="verify" title="Verify this key" className={editable === (canWrite && changeable) ? "lg:col-span-2" : undefined}>
          <VerifyPanel projectId={project.id} scopes={key.scopes} />
        </Panel>
      </div>
      <Panel id="chain" title="Rotation chain" className="mt-6">
        {chain.length === 1 ? (
          <p className="text-sm text-muted-foreground">
            This key has not been rotated. When it is, each key in the chain and when it stopped working shows here.
          </p>
        ) : (
          <ol className="grid gap-2" aria-label="Rotation chain, oldest first">
            {chain.map((link, i) => {
              const item = toConsoleKey(link, now);
              return (
                <li
                  key={item.id}
                  aria-current={item.id === key.id ? "true" : undefined}
                  className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-border px-3 py-2 text-sm aria-[current=true]:border-primary"
                >
                  <span className="text-muted-foreground">{i + 1}.</span>
                  <Link href={`${base}/keys/${item.id}`} className="font-mono text-xs underline-offset-4 hover:underline">
                    {item.key_prefix}…
                  </Link>
                  <StatusBadge status={item.status} />
                  <span className="text-muted-foreground">
                    created <Time value={item.created_at} />
                  </span>
                  <ChainEnd item={item} now={now} />
                  {item.id === key.id ? <span className="text-xs font-medium">(this key)</span> : null}
                </li>
              );
            })}
          </ol>
        )}
      </Panel>
      <div className="mt-6">
        <UsageChart
          teamSlug={slug}
          target={key.id}
          url={`${base}/keys/${key.id}/usage`}
          initial={usage}
          title="Verifications of this key"
        />
      </div>
      <section aria-labelledby="audit-heading" className="mt-6">
        <h2 id="audit-heading" className="mb-3 font-medium">
          Audit trail
        </h2>
        <AuditTrail events={events} actors={actors} subjectId={key.id} empty="No recorded changes to this key yet." />
      </section>
    </>
  );
}

/** Short codes (scopes, addresses) as chips, or a word when there are none. */
function Chips({ values, empty }: { values: string[]; empty: string }) {
  if (values.length === 0) return <>{empty}</>;
  return (
    <span className="flex flex-wrap gap-1">
      {values.map((value) => (
        <span key={value} className="rounded border border-border bg-muted px-1.5 py-0.5 font-mono text-xs">
          {value}
        </span>
      ))}
    </span>
  );
}

/** Why and since when a key is disabled: by hand, by the project's stale-key policy, or reported leaked. */
function DisabledReason({ keyRow, unusedDays }: { keyRow: ConsoleKey; unusedDays: number | null }) {
  const why =
    keyRow.disabled_reason === "stale"
      ? `unused for ${unusedDays ?? "too many"} days`
      : keyRow.disabled_reason === "leaked"
        ? "reported leaked"
        : "by hand";
  return (
    <span>
      {why}
      {keyRow.disabled_at ? (
        <>
          , <Time value={keyRow.disabled_at} />
        </>
      ) : null}
      . It verifies as DISABLED until it is enabled.
    </span>
  );
}

/** How a link of the chain ended: revoked, replaced and stopping (or stopped) at the end of its grace. */
function ChainEnd({ item, now }: { item: ConsoleKey; now: Date }) {
  const end = keyEnd(item);
  if (end?.reason === "revoked") {
    return (
      <span className="text-muted-foreground">
        revoked <Time value={end.at} />
      </span>
    );
  }
  if (!item.replaced_by_key_id) return null;
  const at = end?.reason === "grace" ? end.at : (item.grace_expires_at ?? item.created_at);
  return (
    <span className="text-muted-foreground">
      replaced; {new Date(at) > now ? "stops" : "stopped"} <Time value={at} />
    </span>
  );
}

/** A key's credits in one line: what is left, and when it refills. */
function CreditsLine({ credits }: { credits: ConsoleKey["credits"] }) {
  if (!credits) return <>Unlimited</>;
  return (
    <span className="grid gap-0.5">
      <span className="tabular-nums">{credits.remaining.toLocaleString("en")} left</span>
      {credits.refill && credits.next_refill_at ? (
        <span className="text-xs text-muted-foreground">
          Refilled to {credits.refill.amount.toLocaleString("en")} {credits.refill.interval}; next <Time value={credits.next_refill_at} />
        </span>
      ) : null}
    </span>
  );
}
