"use client";

import { Filter } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { AUDIT_ACTION_LIST } from "@/lib/domain/audit/actions";
import { AUDIT_RANGE_PRESETS, type AuditRange } from "@/lib/domain/audit/time-range";

const ANY_ACTION = "any";

const TEXT_FILTERS = [
  { name: "actor_id", label: "Actor", placeholder: "usr_… or apk_…" },
  { name: "target_id", label: "Target", placeholder: "key_…" },
] as const;

type Props = {
  teamSlug: string;
  values: Partial<Record<(typeof TEXT_FILTERS)[number]["name"] | "action", string>>;
  range: AuditRange;
  /** The custom range's fields, as datetime-local values in UTC. */
  since: string;
  until: string;
  active: boolean;
};

/**
 * The audit log's filters. A plain GET form (it works before scripts load); with scripts, blank
 * fields stay out of the URL. Custom times are typed and read in UTC, as the log shows them.
 */
export function AuditFilters({ teamSlug, values, range: initialRange, since, until, active }: Props) {
  const router = useRouter();
  const [range, setRange] = useState<AuditRange>(initialRange);
  const [auditAction, setAuditAction] = useState(values.action || ANY_ACTION);
  // "Clear filters" and the back button change the address under a mounted form: follow it.
  const [shown, setShown] = useState({ action: values.action, range: initialRange });
  if (shown.action !== values.action || shown.range !== initialRange) {
    setShown({ action: values.action, range: initialRange });
    setAuditAction(values.action || ANY_ACTION);
    setRange(initialRange);
  }
  // An address may name an action that is not in the list (typed by hand): it stays choosable.
  const actions =
    AUDIT_ACTION_LIST.some((a) => a.value === auditAction) || auditAction === ANY_ACTION
      ? AUDIT_ACTION_LIST
      : [...AUDIT_ACTION_LIST, { value: auditAction, label: auditAction }];
  const action = `/${teamSlug}/audit`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() && !((name === "range" || name === "action") && value === "any"))
        params.set(name, value.trim());
    }
    router.push(params.size ? `${action}?${params}` : action);
  }

  return (
    <form
      method="get"
      action={action}
      onSubmit={submit}
      className="flex flex-col gap-3 rounded-lg border border-border bg-card p-4"
      aria-label="Filter the audit log"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="grid gap-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <input type="hidden" name="action" value={auditAction} disabled={auditAction === ANY_ACTION} />
          <Select value={auditAction} onValueChange={setAuditAction}>
            <SelectTrigger id="audit-action" className="w-full">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY_ACTION}>Any action</SelectItem>
              {actions.map((a) => (
                <SelectItem key={a.value} value={a.value}>
                  {a.label} <span className="font-mono text-xs text-muted-foreground">{a.value}</span>
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        {TEXT_FILTERS.map((f) => (
          <div key={f.name} className="grid gap-1.5">
            <Label htmlFor={`audit-${f.name}`}>{f.label}</Label>
            <Input
              id={`audit-${f.name}`}
              name={f.name}
              defaultValue={values[f.name] ?? ""}
              placeholder={f.placeholder}
              autoComplete="off"
              spellCheck={false}
              maxLength={100}
            />
          </div>
        ))}
        <div className="grid gap-1.5">
          <Label htmlFor="audit-range">Time</Label>
          <input type="hidden" name="range" value={range} />
          <Select value={range} onValueChange={(value) => setRange(value as AuditRange)}>
            <SelectTrigger id="audit-range" className="w-full">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="any">Any time</SelectItem>
              {Object.entries(AUDIT_RANGE_PRESETS).map(([value, preset]) => (
                <SelectItem key={value} value={value}>
                  {preset.label}
                </SelectItem>
              ))}
              <SelectItem value="custom">Custom range (UTC)</SelectItem>
            </SelectContent>
          </Select>
        </div>
      </div>
      {range === "custom" ? (
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <div className="grid gap-1.5">
            <Label htmlFor="audit-since">From (UTC)</Label>
            <Input id="audit-since" name="since" type="datetime-local" defaultValue={since} />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="audit-until">Until (UTC)</Label>
            <Input id="audit-until" name="until" type="datetime-local" defaultValue={until} />
          </div>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit">
          <Filter aria-hidden /> Filter
        </Button>
        {active ? (
          <Button asChild variant="ghost">
            <Link href={action}>Clear filters</Link>
          </Button>
        ) : null}
      </div>
    </form>
  );
}
