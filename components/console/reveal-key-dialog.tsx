"use client";

import { Check, Copy, TriangleAlert } from "lucide-react";
import { type ReactNode, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toast";

export type RevealedSecret = {
  title: string;
  secret: string;
  details?: ReactNode;
  /** What the secret is called in the dialog's sentences: "key" unless said otherwise. */
  noun?: string;
  /** Why it cannot be shown again; by default, that only a key's hash is kept. */
  warning?: string;
};

/**
 * Shows a new key's plaintext, the only time it is ever shown. It closes only once the user
 * says they stored it (no Escape, no click outside), and forgets the secret when it closes.
 * New project keys, app admin keys, rotations and webhook signing secrets all come through here.
 */
export function RevealKeyDialog({ revealed, onClose }: { revealed: RevealedSecret | null; onClose: () => void }) {
  const [stored, setStored] = useState(false);
  const [copied, setCopied] = useState(false);
  const checkboxId = useId();
  const noun = revealed?.noun ?? "key";

  function close() {
    setStored(false);
    setCopied(false);
    onClose();
  }

  async function copy() {
    if (!revealed) return;
    try {
      await navigator.clipboard.writeText(revealed.secret);
      setCopied(true);
    } catch {
      toast({ title: "Copying was blocked", description: "Select the key and copy it by hand.", variant: "destructive" });
    }
  }

  return (
    <Dialog open={revealed !== null}>
      <DialogContent
        hideClose
        onEscapeKeyDown={(e) => e.preventDefault()}
        onInteractOutside={(e) => e.preventDefault()}
        className="sm:max-w-xl"
      >
        <DialogHeader>
          <DialogTitle>{revealed?.title}</DialogTitle>
          <DialogDescription>Copy the {noun} now and store it somewhere safe, such as your secret manager.</DialogDescription>
        </DialogHeader>
        <div role="alert" className="flex gap-2 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm text-foreground">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning-foreground" />
          <p>
            {revealed?.warning ?? "This is the only time the full key is shown. Latchkey keeps only its hash and cannot show it again."}
          </p>
        </div>
        <div className="flex items-stretch gap-2">
          <code
            data-testid="revealed-key"
            className="min-w-0 flex-1 break-all rounded-md border border-border bg-muted px-3 py-2 font-mono text-sm select-all"
          >
            {revealed?.secret}
          </code>
          <Button type="button" variant="outline" onClick={copy} aria-label={copied ? "Copied" : `Copy ${noun}`}>
            {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
            <span className="hidden sm:inline">{copied ? "Copied" : "Copy"}</span>
          </Button>
        </div>
        {revealed?.details}
        <label htmlFor={checkboxId} className="flex items-center gap-2 text-sm">
          <input
            id={checkboxId}
            type="checkbox"
            checked={stored}
            onChange={(e) => setStored(e.target.checked)}
            className="size-4 accent-primary"
          />
          I have copied this {noun} and stored it safely.
        </label>
        <DialogFooter>
          <Button type="button" onClick={close} disabled={!stored}>
            Done
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
