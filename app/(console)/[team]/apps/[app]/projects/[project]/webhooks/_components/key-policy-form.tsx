"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { ActionFailure, useActionMutation } from "@/components/console/action";
import { DURATION_HINT, type DurationDraft, durationDraft, DurationField, durationSeconds } from "@/components/console/duration-field";
import { describeGrace, duration } from "@/components/console/time";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { type KeyPolicyJson, ON_LEAK, type OnLeak, updateKeyPolicySchema } from "@/lib/domain/projects/schemas";
import { updateKeyPolicyAction } from "../../../../actions";
import type { ActionInput } from "@/lib/http/actions/run-operation";

type Draft = {
  interval: string;
  grace: DurationDraft;
  lifetime: string;
  unused: string;
  onLeak: OnLeak;
  requireExpiry: Record<string, boolean>;
};
type NumberField = "default_rotation_interval_days" | "max_key_lifetime_days" | "disable_after_unused_days";

const ON_LEAK_WORDS: Record<OnLeak, string> = {
  disable: "Disable the key (it can be enabled again)",
  revoke: "Revoke the key",
  notify: "Only notify (the key keeps working)",
};

function draftOf(policy: KeyPolicyJson): Draft {
  const text = (n: number | null) => (n === null ? "" : String(n));
  return {
    interval: text(policy.default_rotation_interval_days),
    grace: durationDraft(policy.default_grace_period_seconds),
    lifetime: text(policy.max_key_lifetime_days),
    unused: text(policy.disable_after_unused_days),
    onLeak: policy.on_leak,
    requireExpiry: Object.fromEntries(policy.environments.map((e) => [e.id, e.require_expiry])),
  };
}

/** Empty means "no setting"; anything else must parse as a number, or zod names the field. */
const numberOrNull = (raw: string) => (raw.trim() === "" ? null : Number(raw.trim()));

type UpdateKeyPolicyChanges = ActionInput<"updateKeyPolicy">["changes"];

/** The policy editor: field errors from zod (here, then the server's) next to each field; what was typed stays. */
export function KeyPolicyForm({
  teamSlug,
  appId,
  initial,
  editable,
}: {
  teamSlug: string;
  appId: string;
  initial: KeyPolicyJson;
  editable: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useActionMutation(
    (changes: UpdateKeyPolicyChanges) => updateKeyPolicyAction(teamSlug, { app_id: appId, project_id: initial.project_id, changes }),
    {
      fieldErrorsInline: true,
      success: () => "Key policy saved",
      onSuccess: (policy) => {
        setSaved(policy);
        setDraft(draftOf(policy));
        router.refresh();
      },
    },
  );

  if (!editable) return <PolicySummary policy={saved} />;

  // A server error names "changes.<field>" (the action's schema) or "<field>" (the service).
  const serverField = save.error instanceof ActionFailure ? save.error.error.field?.replace(/^changes\./, "") : undefined;
  const error = (field: string) =>
    localErrors[field] ?? (serverField === field ? (save.error as ActionFailure).error.message.replace(/^[\w.]+: /, "") : null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const grace = durationSeconds(draft.grace);
    if (Number.isNaN(grace)) {
      setLocalErrors({ default_grace_period_seconds: DURATION_HINT });
      return;
    }
    const changes = {
      default_rotation_interval_days: numberOrNull(draft.interval),
      default_grace_period_seconds: grace,
      max_key_lifetime_days: numberOrNull(draft.lifetime),
      disable_after_unused_days: numberOrNull(draft.unused),
      on_leak: draft.onLeak,
      environments: saved.environments.map((e) => ({ id: e.id, require_expiry: draft.requireExpiry[e.id] ?? false })),
    };
    const parsed = updateKeyPolicySchema.safeParse(changes);
    if (!parsed.success) {
      setLocalErrors(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message])));
      return;
    }
    setLocalErrors({});
    save.mutate(changes);
  }

  const numberInput = (
    field: NumberField,
    label: string,
    key: "interval" | "lifetime" | "unused",
    placeholder: string,
    hint: string | null,
  ) => (
    <div className="grid gap-1.5">
      <Label htmlFor={`${id}-${field}`}>{label}</Label>
      <Input
        id={`${id}-${field}`}
        name={field}
        inputMode="numeric"
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        placeholder={placeholder}
        aria-invalid={error(field) ? true : undefined}
        aria-describedby={`${id}-${field}-hint`}
      />
      <p id={`${id}-${field}-hint`} className="text-xs text-muted-foreground">
        {hint}
      </p>
      {error(field) ? (
        <p role="alert" className="text-sm text-destructive">
          {error(field)}
        </p>
      ) : null}
    </div>
  );

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate aria-label="Key policy">
      {numberInput(
        "default_rotation_interval_days",
        "Default rotation interval (days)",
        "interval",
        "None",
        "New keys that set no interval of their own rotate this often.",
      )}
      <DurationField
        id={`${id}-default_grace_period_seconds`}
        label="Default grace period"
        value={draft.grace}
        onChange={(grace) => setDraft({ ...draft, grace })}
        placeholder="2 days (default)"
        hint={
          describeGrace(durationSeconds(draft.grace)) ??
          "When the scheduler rotates a key, the old one keeps working this long (empty: 2 days)."
        }
        error={error("default_grace_period_seconds")}
      />
      {numberInput(
        "max_key_lifetime_days",
        "Maximum key lifetime (days)",
        "lifetime",
        "No limit",
        "Every new key must expire within this many days of its creation.",
      )}
      {numberInput(
        "disable_after_unused_days",
        "Disable keys unused for (days)",
        "unused",
        "Never",
        "The scheduler warns 7 days before (api_key.stale_warning), then disables the key. Enabling it starts the count again.",
      )}
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-on_leak`}>When a key is reported leaked</Label>
        <select
          id={`${id}-on_leak`}
          className="h-9 rounded-md border border-input bg-background px-3 text-sm shadow-xs"
          value={draft.onLeak}
          onChange={(e) => setDraft({ ...draft, onLeak: e.target.value as OnLeak })}
          aria-describedby={`${id}-on_leak-hint`}
        >
          {ON_LEAK.map((value) => (
            <option key={value} value={value}>
              {ON_LEAK_WORDS[value]}
            </option>
          ))}
        </select>
        <p id={`${id}-on_leak-hint`} className="text-xs text-muted-foreground">
          Anyone may report a key to POST /v1/leaks (or with <code>latchkey scan --report</code>); each report is an api_key.leaked event.
        </p>
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Require an expiry</legend>
        {saved.environments.map((env, i) => (
          <div key={env.id}>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-0.5 size-4 shrink-0 accent-primary"
                checked={draft.requireExpiry[env.id] ?? false}
                onChange={(e) => setDraft({ ...draft, requireExpiry: { ...draft.requireExpiry, [env.id]: e.target.checked } })}
              />
              <span>
                Keys in <span className="font-medium">{env.name}</span> must have an expiry
              </span>
            </label>
            {error(`environments.${i}.id`) ? (
              <p role="alert" className="text-sm text-destructive">
                {error(`environments.${i}.id`)}
              </p>
            ) : null}
          </div>
        ))}
      </fieldset>
      <div>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save policy"}
        </Button>
      </div>
    </form>
  );
}

function PolicySummary({ policy }: { policy: KeyPolicyJson }) {
  const rows: [string, string][] = [
    ["Default rotation", policy.default_rotation_interval_days ? `Every ${policy.default_rotation_interval_days} days` : "None"],
    [
      "Default grace",
      policy.default_grace_period_seconds === null
        ? "2 days (the scheduler's default)"
        : policy.default_grace_period_seconds === 0
          ? "None"
          : duration(policy.default_grace_period_seconds),
    ],
    ["Maximum lifetime", policy.max_key_lifetime_days ? `${policy.max_key_lifetime_days} days` : "No limit"],
    ["Disable unused keys", policy.disable_after_unused_days ? `After ${policy.disable_after_unused_days} days` : "Never"],
    ["On a leak report", ON_LEAK_WORDS[policy.on_leak]],
    [
      "Expiry required in",
      policy.environments
        .filter((e) => e.require_expiry)
        .map((e) => e.name)
        .join(", ") || "No environment",
    ],
  ];
  return (
    <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="min-w-0 break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
