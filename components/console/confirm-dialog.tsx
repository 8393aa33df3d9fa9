"use client";

import { type ReactNode, useId, useState } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type Props = {
  /** The button that opens it; without one, `open` and `onOpenChange` control it (a row menu). */
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** When set, the user must type this exactly before confirming (for deletions that cascade). */
  typeToConfirm?: string;
  pending?: boolean;
  error?: string | null;
  onConfirm: (typed: string) => Promise<unknown> | void;
};

/** A destructive action's confirmation: a plain "are you sure", or a typed name for deletions. */
export function ConfirmDialog({
  trigger,
  open: controlled,
  onOpenChange,
  title,
  description,
  confirmLabel,
  typeToConfirm,
  pending,
  error,
  onConfirm,
}: Props) {
  const [uncontrolled, setUncontrolled] = useState(false);
  const open = controlled ?? uncontrolled;
  const setOpen = (next: boolean) => (onOpenChange ? onOpenChange(next) : setUncontrolled(next));
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const blocked = typeToConfirm !== undefined && typed !== typeToConfirm;

  async function confirm() {
    try {
      await onConfirm(typed);
      setOpen(false);
      setTyped("");
    } catch {
      // The mutation already reported the error; the dialog stays open to try again.
    }
  }

  return (
    <AlertDialog open={open} onOpenChange={(next) => (setOpen(next), next || setTyped(""))}>
      {trigger ? <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger> : null}
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="text-sm text-muted-foreground">{description}</div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        {typeToConfirm !== undefined ? (
          <div className="grid gap-2">
            <Label htmlFor={inputId}>
              Type <span className="font-mono font-semibold text-foreground">{typeToConfirm}</span> to confirm
            </Label>
            <Input id={inputId} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <Button type="button" variant="destructive" disabled={blocked || pending} onClick={confirm}>
            {pending ? "Working…" : confirmLabel}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
