"use client";

import { Ban, CirclePause, CirclePlay, Pencil } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useActionMutation } from "@/components/console/action";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { type RevealedSecret, RevealKeyDialog } from "@/components/console/reveal-key-dialog";
import { RotateDialog } from "@/components/console/rotate-dialog";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ConsoleKey } from "@/lib/domain/keys/serialize";
import { revokeKeyAction, rotateKeyAction, updateKeyAction } from "../../../actions";

/** Rename, disable or enable, rotate and revoke, on the key page. */
type Props = { teamSlug: string; appId: string; keyRow: ConsoleKey; canRename: boolean; maxLifetimeDays: number | null };

export function KeyActions({ teamSlug, appId, keyRow, canRename, maxLifetimeDays }: Props) {
  const router = useRouter();
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const [newKeyId, setNewKeyId] = useState<string | null>(null);
  const revoke = useActionMutation(() => revokeKeyAction(teamSlug, { app_id: appId, key_id: keyRow.id }), {
    success: () => `Revoked ${keyRow.name}; it no longer verifies`,
    onSuccess: () => router.refresh(),
  });
  const toggle = useActionMutation(
    (enabled: boolean) => updateKeyAction(teamSlug, { app_id: appId, key_id: keyRow.id, changes: { enabled } }),
    {
      success: (key) =>
        key.enabled ? `Enabled ${key.name}; it verifies again` : `Disabled ${key.name}; it no longer verifies until enabled`,
      onSuccess: () => router.refresh(),
    },
  );
  // A disabled key can be renamed and enabled, not rotated: its replacement would work at once.
  const rotatable = canRename && keyRow.enabled && !keyRow.replaced_by_key_id;

  return (
    <>
      {canRename ? <RenameDialog teamSlug={teamSlug} appId={appId} keyRow={keyRow} onDone={() => router.refresh()} /> : null}
      {canRename ? (
        <Button type="button" variant="outline" disabled={toggle.isPending} onClick={() => toggle.mutate(!keyRow.enabled)}>
          {keyRow.enabled ? (
            <>
              <CirclePause aria-hidden /> Disable
            </>
          ) : (
            <>
              <CirclePlay aria-hidden /> Enable
            </>
          )}
        </Button>
      ) : null}
      {rotatable ? (
        <RotateDialog
          keyName={keyRow.name}
          expiresAt={keyRow.expires_at}
          maxLifetimeDays={maxLifetimeDays}
          rotate={(grace) => rotateKeyAction(teamSlug, { app_id: appId, key_id: keyRow.id, grace_period_seconds: grace })}
          onRotated={(secret, rotated) => {
            setNewKeyId(rotated.new_key_id);
            setRevealed(secret);
          }}
        />
      ) : null}
      {keyRow.status !== "revoked" ? (
        <ConfirmDialog
          trigger={
            <Button type="button" variant="destructive">
              <Ban aria-hidden /> Revoke
            </Button>
          }
          title={`Revoke ${keyRow.name}?`}
          description={`Every request that uses ${keyRow.key_prefix}… is refused from now on, grace period or not. This cannot be undone.`}
          confirmLabel="Revoke key"
          pending={revoke.isPending}
          onConfirm={() => revoke.mutateAsync(undefined)}
        />
      ) : null}
      <RevealKeyDialog
        revealed={revealed}
        onClose={() => {
          setRevealed(null);
          // The page of the old key now shows both keys in its chain and when the old one stops.
          router.refresh();
          if (newKeyId) router.push(`/${teamSlug}/apps/${appId}/keys/${newKeyId}`);
        }}
      />
    </>
  );
}

function RenameDialog({ teamSlug, appId, keyRow, onDone }: { teamSlug: string; appId: string; keyRow: ConsoleKey; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(keyRow.name);
  const rename = useActionMutation(
    (value: string) => updateKeyAction(teamSlug, { app_id: appId, key_id: keyRow.id, changes: { name: value } }),
    {
      fieldErrorsInline: true,
      success: (key) => `Renamed to ${key.name}`,
      onSuccess: () => (setOpen(false), onDone()),
    },
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    rename.mutate(name);
  }
  const error = rename.error?.message;
  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), setName(keyRow.name), rename.reset())}>
      <DialogTrigger asChild>
        <Button type="button" variant="outline">
          <Pencil aria-hidden /> Rename
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Rename key</DialogTitle>
            <DialogDescription>The name is for people; the key itself does not change.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-1.5">
            <Label htmlFor="rename-key">Name</Label>
            <Input
              id="rename-key"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={200}
              aria-invalid={error ? true : undefined}
            />
            {error ? (
              <p role="alert" className="text-sm text-destructive">
                {error}
              </p>
            ) : null}
          </div>
          <DialogFooter>
            <Button type="submit" disabled={rename.isPending}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
