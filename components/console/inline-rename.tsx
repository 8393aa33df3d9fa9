"use client";

import { Pencil } from "lucide-react";
import { type FormEvent, type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

type Props = {
  name: string;
  /** What is being renamed, for labels: "app", "key"… */
  noun: string;
  canRename: boolean;
  /** Saves the new name; rejects to roll the optimistic name back. */
  onRename: (name: string) => Promise<unknown>;
  children?: (name: string) => ReactNode;
};

/** A name that turns into a field in place. The new name shows at once and rolls back on error. */
export function InlineRename({ name, noun, canRename, onRename, children }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  const [optimistic, setOptimistic] = useState<string | null>(null);
  const shown = optimistic ?? name;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next = draft.trim();
    setEditing(false);
    if (!next || next === name) return;
    setOptimistic(next);
    try {
      await onRename(next);
    } catch {
      setDraft(name);
    } finally {
      setOptimistic(null);
    }
  }

  if (editing) {
    return (
      <form onSubmit={submit} className="flex min-w-0 items-center gap-2">
        <Input
          aria-label={`New ${noun} name`}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => e.key === "Escape" && (e.preventDefault(), setDraft(name), setEditing(false))}
          autoFocus
          className="h-8 min-w-0"
          maxLength={200}
        />
        <Button type="submit" size="sm">
          Save
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={() => (setDraft(name), setEditing(false))}>
          Cancel
        </Button>
      </form>
    );
  }
  return (
    <span className="flex min-w-0 items-center gap-1">
      {children ? children(shown) : <span className="truncate font-medium">{shown}</span>}
      {canRename ? (
        <Button type="button" size="icon" variant="ghost" className="size-7 shrink-0" aria-label={`Rename ${noun} ${shown}`} onClick={() => (setDraft(shown), setEditing(true))}>
          <Pencil aria-hidden className="size-3.5" />
        </Button>
      ) : null}
    </span>
  );
}
