"use client";

import { X } from "lucide-react";
import { type KeyboardEvent, useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { scopeSchema } from "@/lib/domain/keys/schemas";

/** Why this typed scope would be refused, naming it, or null when it is fine (or empty). */
export function scopeProblem(draft: string): string | null {
  if (!draft.trim()) return null;
  const parsed = scopeSchema.safeParse(draft);
  if (parsed.success) return null;
  const reason = /\s/.test(draft.trim()) ? "a scope cannot contain spaces; press Enter between scopes" : parsed.error.issues[0]?.message;
  return `“${draft.trim()}” is not a valid scope: ${reason}.`;
}

/** Free-text scopes as removable chips, with the project's existing scopes as suggestions. */
type Props = {
  value: string[];
  onChange: (scopes: string[]) => void;
  suggestions: string[];
  /** Hears whether the text still in the field is a scope that would be refused, so a form can wait for it. */
  onPendingProblem?: (problem: string | null) => void;
};

export function ScopesInput({ value, onChange, suggestions, onPendingProblem }: Props) {
  const [draft, setDraftState] = useState("");
  const setDraft = (next: string) => {
    setDraftState(next);
    onPendingProblem?.(scopeProblem(next));
  };
  const id = useId();
  const problem = scopeProblem(draft);
  // A scope the server would refuse stays in the field, with the reason under it.
  const add = (scope: string) => {
    if (scopeProblem(scope)) return;
    const clean = scope.trim();
    if (clean && !value.includes(clean)) onChange([...value, clean]);
    setDraft("");
  };
  const offered = suggestions.filter((s) => !value.includes(s) && s.includes(draft.trim())).slice(0, 8);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === "," || event.key === " ") {
      if (draft.trim()) {
        event.preventDefault();
        add(draft);
      } else if (event.key === "Enter") event.preventDefault();
    } else if (event.key === "Backspace" && !draft && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>Scopes</Label>
      <div className="flex flex-wrap gap-1.5">
        {value.map((scope) => (
          <span
            key={scope}
            className="inline-flex items-center gap-1 rounded-md border border-border bg-muted px-2 py-0.5 font-mono text-xs"
          >
            {scope}
            <button
              type="button"
              onClick={() => onChange(value.filter((s) => s !== scope))}
              aria-label={`Remove scope ${scope}`}
              className="rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              <X aria-hidden className="size-3" />
            </button>
          </span>
        ))}
      </div>
      <Input
        id={id}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => draft.trim() && add(draft)}
        placeholder="e.g. read:users, then Enter"
        aria-describedby={problem ? `${id}-problem ${id}-hint` : `${id}-hint`}
        aria-invalid={problem ? true : undefined}
      />
      {problem ? (
        <p id={`${id}-problem`} role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      ) : null}
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        Press Enter after each scope. Leave empty for a key with no scopes.
      </p>
      {offered.length > 0 ? (
        <div className="flex flex-wrap items-center gap-1.5" aria-label="Scopes used in this project">
          <span className="text-xs text-muted-foreground">Used in this project:</span>
          {offered.map((scope) => (
            <button
              key={scope}
              type="button"
              onClick={() => add(scope)}
              className="rounded-md border border-dashed border-border px-2 py-0.5 font-mono text-xs text-muted-foreground outline-none hover:border-solid hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
            >
              + {scope}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
