"use client";

import { RefreshCw } from "lucide-react";
import { type FormEvent, type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { ActionResult } from "@/lib/actions/result";
import { fieldError, useActionMutation } from "./action";
import type { RevealedSecret } from "./reveal-key-dialog";

const GRACE_CHOICES = [
  { value: "0", label: "None: the old key stops at once" },
  { value: "3600", label: "1 hour" },
  { value: "86400", label: "24 hours" },
  { value: "604800", label: "7 days" },
  { value: "custom", label: "Custom…" },
] as const;

export type Rotated = { old_key_id: string; new_key_id: string; name: string; key: string; key_prefix: string; grace_expires_at: string | null };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Rotation with a grace-period choice. The new key is handed to the reveal dialog via onRotated. */
export function RotateDialog({
  keyName,
  trigger,
  rotate,
  onRotated,
}: {
  keyName: string;
  trigger?: ReactNode;
  rotate: (graceSeconds: number) => Promise<ActionResult<Rotated>>;
  onRotated: (revealed: RevealedSecret, rotated: Rotated) => void;
}) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<string>("86400");
  const [customHours, setCustomHours] = useState("48");
  const mutation = useActionMutation(rotate, {
    fieldErrorsInline: true,
    success: (r) => `Rotated ${r.name}`,
    onSuccess: (rotated) => {
      setOpen(false);
      const old = rotated.grace_expires_at ? new Date(rotated.grace_expires_at) : null;
      const graceNote =
        old && old > new Date() ? `The old key keeps working until ${when.format(old)} UTC. Deploy the new key before then.` : "The old key has stopped working.";
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

  const customInvalid = choice === "custom" && !(Number(customHours) > 0 && Number(customHours) <= 720);
  const graceError = fieldError(mutation.error, "grace_period_seconds") ?? (customInvalid ? "Enter a number of hours from 1 to 720 (30 days)." : null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (customInvalid) return;
    mutation.mutate(choice === "custom" ? Math.round(Number(customHours) * 3600) : Number(choice));
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), next || mutation.reset())}>
      <DialogTrigger asChild>
        {trigger ?? (
          <Button type="button" variant="outline">
            <RefreshCw aria-hidden /> Rotate
          </Button>
        )}
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Rotate {keyName}</DialogTitle>
            <DialogDescription>
              A new key replaces this one, with the same name, scopes, environment and policy. Choose how long the old key keeps working while you deploy the new
              one.
            </DialogDescription>
          </DialogHeader>
          <div className="grid gap-1.5">
            <Label htmlFor="grace-period">Grace period</Label>
            <Select value={choice} onValueChange={setChoice}>
              <SelectTrigger id="grace-period">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {GRACE_CHOICES.map((c) => (
                  <SelectItem key={c.value} value={c.value}>
                    {c.label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          {choice === "custom" ? (
            <div className="grid gap-1.5">
              <Label htmlFor="grace-hours">Hours</Label>
              <Input id="grace-hours" inputMode="numeric" value={customHours} onChange={(e) => setCustomHours(e.target.value)} aria-invalid={graceError ? true : undefined} />
            </div>
          ) : null}
          {graceError ? (
            <p role="alert" className="text-sm text-destructive">
              {graceError}
            </p>
          ) : null}
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
