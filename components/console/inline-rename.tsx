"use client";

import { Pencil } from "lucide-react";
import { type FormEvent, type ReactNode, useId, useState } from "react";
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
  /** Set to open the field from elsewhere (a row menu); onEditingChange hears it close. */
  editing?: boolean;
  onEditingChange?: (editing: boolean) => void;
};

/** A name that turns into a field in place. The new name shows at once and rolls back on error. */
export function InlineRename({ name, noun, canRename, onRename, children, editing: controlled, onEditingChange }: Props) {
  const [uncontrolled, setUncontrolled] = useState(false);
  const editing = controlled ?? uncontrolled;
  const [draft, setDraft] = useState(name);
  const [problem, setProblem] = useState<string | null>(null);
  const [optimistic, setOptimistic] = useState<string | null>(null);
  const problemId = useId();
  const shown = optimistic ?? name;
  // Opening the field, from its own button or from outside, starts from the name shown.
  const [wasEditing, setWasEditing] = useState(editing);
  if (editing !== wasEditing) {
    setWasEditing(editing);
    if (editing) setDraft(shown);
    setProblem(null);
  }

  function setEditing(next: boolean) {
    if (onEditingChange) onEditingChange(next);
    else setUncontrolled(next);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next = draft.trim();
    // An empty name is refused here, with the reason, and the field stays open to fix it.
    if (!next) return setProblem(`A ${noun} needs a name. Type one, or press Escape to keep “${name}”.`);
    setEditing(false);
    if (next === name) return;
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
      <form onSubmit={submit} className="grid min-w-0 gap-1" noValidate>
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <Input
            aria-label={`New ${noun} name`}
            value={draft}
            onChange={(e) => (setDraft(e.target.value), setProblem(null))}
            onKeyDown={(e) => e.key === "Escape" && (e.preventDefault(), setEditing(false))}
            autoFocus
            className="h-9 w-56 max-w-full min-w-40 flex-1"
            maxLength={200}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? problemId : undefined}
          />
          <span className="flex gap-1">
            <Button type="submit" size="sm">
              Save
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </span>
        </div>
        {problem ? (
          <p id={problemId} role="alert" className="text-xs whitespace-normal text-destructive">
            {problem}
          </p>
        ) : null}
      </form>
    );
  }
  return (
    <span className="flex min-w-0 items-center gap-1">
      {children ? children(shown) : <span className="truncate font-medium">{shown}</span>}
      {canRename ? (
        <Button
          type="button"
          size="icon"
          variant="ghost"
          className="size-7 shrink-0"
          aria-label={`Rename ${noun} ${shown}`}
          onClick={() => setEditing(true)}
        >
          <Pencil aria-hidden className="size-3.5" />
        </Button>
      ) : null}
    </span>
  );
}
