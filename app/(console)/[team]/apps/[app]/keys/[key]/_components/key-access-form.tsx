"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { fieldError, useActionMutation } from "@/components/console/action";
import { type Expiry, ExpiryField, expiryTimestamp } from "@/components/console/expiry-field";
import { ScopesInput } from "@/components/console/scopes-input";
import { Time } from "@/components/console/time";
import { Button } from "@/components/ui/button";
import type { ConsoleKey } from "@/lib/domain/keys/serialize";
import { updateKeyAction } from "../../../actions";

type Changes = { scopes?: string[]; expires_at?: string | null };

/** The form's starting expiry: the key's own date, or never. An untouched expiry is not sent. */
function savedExpiry(expiresAt: string | null): Expiry {
  return expiresAt ? { preset: "date", date: expiresAt.slice(0, 10) } : { preset: "never", date: "" };
}

const sameScopes = (a: string[], b: string[]) => a.length === b.length && a.every((s, i) => s === b[i]);

/** The message for the scopes field, naming the scope at fault ("changes.scopes.1" is the second). */
function scopesError(error: Error | null, scopes: string[]): string | null {
  const message = fieldError(error, "changes.scopes") ?? fieldError(error, "scopes");
  if (!message) return null;
  const details = (error as { error?: { details?: { field: string }[] } } | null)?.error?.details ?? [];
  const index = details.map((d) => /scopes\.(\d+)$/.exec(d.field)?.[1]).find((i) => i !== undefined);
  const scope = index === undefined ? undefined : scopes[Number(index)];
  return scope ? `“${scope}” ${message}` : message;
}

/** Changes a key's scopes and expiry, through the same service call as PATCH /v1/api-keys/{keyID}. */
export function KeyAccessForm({
  teamSlug,
  appId,
  keyRow,
  scopeSuggestions,
}: {
  teamSlug: string;
  appId: string;
  keyRow: ConsoleKey;
  scopeSuggestions: string[];
}) {
  const router = useRouter();
  const initialExpiry = savedExpiry(keyRow.expires_at);
  const [scopes, setScopes] = useState<string[]>(keyRow.scopes);
  const [expiry, setExpiry] = useState<Expiry>(initialExpiry);
  const [expiryInvalid, setExpiryInvalid] = useState(false);
  const save = useActionMutation((changes: Changes) => updateKeyAction(teamSlug, { app_id: appId, key_id: keyRow.id, changes }), {
    fieldErrorsInline: true,
    success: () => "Scopes and expiry saved",
    onSuccess: () => router.refresh(),
  });

  const expiryChanged = expiry.preset !== initialExpiry.preset || (expiry.preset === "date" && expiry.date !== initialExpiry.date);
  const scopesChanged = !sameScopes(scopes, keyRow.scopes);

  function submit(event: FormEvent) {
    event.preventDefault();
    const changes: Changes = {};
    if (scopesChanged) changes.scopes = scopes;
    if (expiryChanged) {
      const at = expiryTimestamp(expiry);
      if (at === "invalid") return setExpiryInvalid(true);
      changes.expires_at = at;
    }
    setExpiryInvalid(false);
    save.mutate(changes);
  }

  const expiresError = expiryInvalid
    ? "Choose a date in the future."
    : (fieldError(save.error, "expires_at") ?? fieldError(save.error, "changes.expires_at"));
  const scopeMessage = scopesError(save.error, scopes);
  return (
    <form onSubmit={submit} className="grid gap-4" noValidate aria-label="Scopes and expiry">
      <div className="grid gap-1.5">
        <ScopesInput value={scopes} onChange={(next) => (setScopes(next), save.reset())} suggestions={scopeSuggestions} />
        {scopeMessage ? (
          <p role="alert" className="text-sm text-destructive">
            {scopeMessage}
          </p>
        ) : null}
      </div>
      <div className="grid gap-1.5">
        <ExpiryField value={expiry} onChange={(next) => (setExpiry(next), setExpiryInvalid(false), save.reset())} error={expiresError} />
        <p className="text-xs text-muted-foreground">
          Now:{" "}
          {keyRow.expires_at ? (
            <>
              expires <Time value={keyRow.expires_at} />
            </>
          ) : (
            "never expires"
          )}
          . A date means midnight UTC at its start.
        </p>
      </div>
      <p className="text-xs text-muted-foreground">Changes apply to the next verification: the key itself stays the same.</p>
      <div>
        <Button type="submit" disabled={save.isPending || (!scopesChanged && !expiryChanged)}>
          {save.isPending ? "Saving…" : "Save scopes and expiry"}
        </Button>
      </div>
    </form>
  );
}
