"use client";

import { RefreshCw } from "lucide-react";
import { type FormEvent, type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/http/actions/result";
import { replacementExpiresAt } from "@/lib/domain/projects/policy";
import { fieldError, useActionMutation } from "./action";
import { DURATION_HINT, durationDraft, DurationField, durationSeconds } from "./duration-field";
import { describeGrace } from "./time";
import type { RevealedSecret } from "./reveal-key-dialog";

export type Rotated = {
  old_key_id: string;
  new_key_id: string;
  name: string;
  key: string;
  key_prefix: string;
  grace_expires_at: string | null;
};

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

type Props = {
  keyName: string;
  /** The key's expiry and the project's maximum lifetime: the dialog says what the new key's expiry will be. */
  expiresAt: string | null;
  maxLifetimeDays: number | null;
  /** A button that opens the dialog; without one, `open` and `onOpenChange` control it (a row menu). */
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  rotate: (graceSeconds: number) => Promise<ActionResult<Rotated>>;
  onRotated: (revealed: RevealedSecret, rotated: Rotated) => void;
};

/** What the replacement's expiry will be, by the rule of lib/domain/projects/policy.ts (replacementExpiresAt). */
export function replacementExpiryNote(expiresAt: string | null, maxLifetimeDays: number | null, now = new Date()): string {
  const old = expiresAt ? new Date(expiresAt) : null;
  const next = replacementExpiresAt({ maxKeyLifetimeDays: maxLifetimeDays }, { expiresAt: old }, now);
  if (!next) return "The new key never expires, like this one.";
  const date = `${when.format(next)} UTC`;
  if (old && next.getTime() === old.getTime())
    return `The new key expires when this one would: ${date}. Rotating does not extend a key's expiry.`;
  return `The new key expires ${date}: the project's maximum key lifetime of ${maxLifetimeDays} days, counted from now.`;
}

/** Rotation with a grace period. The new key is handed to the reveal dialog via onRotated. */
export function RotateDialog({ keyName, expiresAt, maxLifetimeDays, trigger, open: controlled, onOpenChange, rotate, onRotated }: Props) {
  const [uncontrolled, setUncontrolled] = useState(false);
  const open = controlled ?? uncontrolled;
  const setOpen = (next: boolean) => (onOpenChange ? onOpenChange(next) : setUncontrolled(next));
  const [grace, setGrace] = useState(() => durationDraft(86_400));
  const mutation = useActionMutation(rotate, {
    fieldErrorsInline: true,
    success: (r) => `Rotated ${r.name}`,
    onSuccess: (rotated) => {
      setOpen(false);
      const old = rotated.grace_expires_at ? new Date(rotated.grace_expires_at) : null;
      const graceNote =
        old && old > new Date()
          ? `The old key keeps working until ${when.format(old)} UTC. Deploy the new key before then.`
          : "The old key has stopped working.";
      onRotated(
        {
          title: `New key for ${rotated.name}`,
          secret: rotated.key,
          details: (
            <p className="text-sm text-muted-foreground" data-testid="grace-note">
              {graceNote}
            </p>
          ),
        },
        rotated,
      );
    },
  });

  const seconds = durationSeconds(grace);
  const invalid = seconds === null || Number.isNaN(seconds);
  const graceError = invalid ? DURATION_HINT : fieldError(mutation.error, "grace_period_seconds");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (seconds === null || Number.isNaN(seconds)) return;
    mutation.mutate(seconds);
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), next || mutation.reset())}>
      {controlled === undefined ? (
        <DialogTrigger asChild>
          {trigger ?? (
            <Button type="button" variant="outline">
              <RefreshCw aria-hidden /> Rotate
            </Button>
          )}
        </DialogTrigger>
      ) : null}
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Rotate {keyName}</DialogTitle>
            <DialogDescription>
              A new key replaces this one, with the same name, scopes, environment and policy. Choose how long the old key keeps working
              while you deploy the new one.
            </DialogDescription>
          </DialogHeader>
          <DurationField
            id="grace-period"
            label="Grace period"
            value={grace}
            onChange={setGrace}
            hint={(seconds !== null && !Number.isNaN(seconds) ? describeGrace(seconds) : null) ?? "0: the old key stops at once."}
            error={graceError}
          />
          <p className="text-sm text-muted-foreground" data-testid="replacement-expiry">
            {replacementExpiryNote(expiresAt, maxLifetimeDays)}
          </p>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? "Rotating…" : "Rotate key"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
