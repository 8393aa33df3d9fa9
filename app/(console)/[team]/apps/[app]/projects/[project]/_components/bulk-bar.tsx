"use client";

import { Ban, CirclePause, CirclePlay, X } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { Button } from "@/components/ui/button";

type Props = {
  count: number;
  pending: boolean;
  onSetEnabled: (enabled: boolean) => Promise<unknown>;
  onRevoke: () => Promise<unknown>;
  onClear: () => void;
};

/** What the table's multi-select can do with the keys selected on this page: disable, enable or revoke them together. */
export function BulkBar({ count, pending, onSetEnabled, onRevoke, onClear }: Props) {
  const [confirming, setConfirming] = useState(false);
  const keys = count === 1 ? "1 key" : `${count} keys`;
  return (
    <div
      role="region"
      aria-label="Selected keys"
      className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/50 px-3 py-2 text-sm"
    >
      <span className="mr-auto font-medium" aria-live="polite">
        {keys} selected
      </span>
      <Button type="button" size="sm" variant="outline" disabled={pending} onClick={() => void onSetEnabled(false).catch(() => undefined)}>
        <CirclePause aria-hidden /> Disable
      </Button>
      <Button type="button" size="sm" variant="outline" disabled={pending} onClick={() => void onSetEnabled(true).catch(() => undefined)}>
        <CirclePlay aria-hidden /> Enable
      </Button>
      <Button type="button" size="sm" variant="destructive" disabled={pending} onClick={() => setConfirming(true)}>
        <Ban aria-hidden /> Revoke…
      </Button>
      <Button type="button" size="sm" variant="ghost" onClick={onClear} aria-label="Clear the selection">
        <X aria-hidden />
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Revoke ${keys}?`}
        description={`Every request that uses ${count === 1 ? "this key" : "any of these keys"} is refused from now on, grace period or not. Keys already revoked stay as they are. This cannot be undone.`}
        confirmLabel={`Revoke ${keys}`}
        pending={pending}
        onConfirm={onRevoke}
      />
    </div>
  );
}
