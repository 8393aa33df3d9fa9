"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { fieldError, useActionMutation } from "@/components/console/action";
import { durationDraft, EMPTY_DURATION } from "@/components/console/duration-field";
import {
  defaultGraceNote,
  GRACE_HINT,
  type Policy,
  policyGrace,
  policyInterval,
  RotationPolicyFields,
} from "@/components/console/rotation-policy-fields";
import { duration, Time } from "@/components/console/time";
import { Button } from "@/components/ui/button";
import type { ConsoleKey } from "@/lib/domain/keys/serialize";
import { updateKeyAction } from "../../../actions";

/** Sets or clears a key's rotation interval, scheduled-rotation grace and webhook, previewing the next rotation. */
type Props = { teamSlug: string; appId: string; keyRow: ConsoleKey; editable: boolean; projectGraceSeconds: number | null };

export function PolicyForm({ teamSlug, appId, keyRow, editable, projectGraceSeconds }: Props) {
  const router = useRouter();
  const saved: Policy = {
    intervalDays: keyRow.rotation_interval_days ? String(keyRow.rotation_interval_days) : "",
    webhookUrl: keyRow.rotation_webhook_url ?? "",
    grace: durationDraft(keyRow.rotation_grace_period_seconds),
  };
  const [policy, setPolicy] = useState<Policy>(saved);
  const [invalid, setInvalid] = useState(false);
  const save = useActionMutation(
    (changes: {
      rotation_interval_days: number | null;
      rotation_grace_period_seconds: number | null;
      rotation_webhook_url: string | null;
    }) => updateKeyAction(teamSlug, { app_id: appId, key_id: keyRow.id, changes }),
    {
      fieldErrorsInline: true,
      success: (key) =>
        key.rotation_interval_days ? `Rotation policy saved: every ${key.rotation_interval_days} days` : "Rotation policy cleared",
      onSuccess: () => router.refresh(),
    },
  );

  if (!editable) {
    return (
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-muted-foreground">Interval</dt>
        <dd>{keyRow.rotation_interval_days ? `Every ${keyRow.rotation_interval_days} days` : "None"}</dd>
        <dt className="text-muted-foreground">Grace period</dt>
        <dd>
          {keyRow.rotation_grace_period_seconds === null
            ? defaultGraceNote(projectGraceSeconds).replace("Empty: the", "The")
            : keyRow.rotation_grace_period_seconds === 0
              ? "None"
              : duration(keyRow.rotation_grace_period_seconds)}
        </dd>
        <dt className="text-muted-foreground">Webhook</dt>
        <dd className="break-all">{keyRow.rotation_webhook_url ?? "None"}</dd>
        <dt className="text-muted-foreground">Next rotation</dt>
        <dd>
          <Time value={keyRow.next_rotation_at} empty="Not scheduled" />
        </dd>
      </dl>
    );
  }

  const interval = policyInterval(policy);
  const grace = policyGrace(policy);
  function submit(event: FormEvent, clear = false) {
    event.preventDefault();
    if (clear) {
      setPolicy({ intervalDays: "", webhookUrl: "", grace: EMPTY_DURATION });
      save.mutate({ rotation_interval_days: null, rotation_grace_period_seconds: null, rotation_webhook_url: null });
      return;
    }
    if (Number.isNaN(interval) || Number.isNaN(grace)) return setInvalid(true);
    setInvalid(false);
    save.mutate({
      rotation_interval_days: interval,
      rotation_grace_period_seconds: grace,
      rotation_webhook_url: policy.webhookUrl.trim() || null,
    });
  }

  return (
    <form onSubmit={submit} className="grid gap-3" noValidate>
      <RotationPolicyFields
        legend="Rotation policy"
        value={policy}
        onChange={setPolicy}
        from={new Date(keyRow.created_at ?? 0)}
        projectGraceSeconds={projectGraceSeconds}
        errors={{
          interval:
            invalid && Number.isNaN(interval)
              ? "Enter a whole number of days from 1 to 3650, or leave it empty."
              : fieldError(save.error, "rotation_interval_days"),
          grace: invalid && Number.isNaN(grace) ? GRACE_HINT : fieldError(save.error, "rotation_grace_period_seconds"),
          webhook: fieldError(save.error, "rotation_webhook_url"),
        }}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>
          Save policy
        </Button>
        {keyRow.rotation_interval_days || keyRow.rotation_webhook_url || keyRow.rotation_grace_period_seconds !== null ? (
          <Button type="button" variant="outline" disabled={save.isPending} onClick={(e) => submit(e, true)}>
            Clear policy
          </Button>
        ) : null}
      </div>
    </form>
  );
}
