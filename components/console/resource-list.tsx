"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Trash2 } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/http/actions/result";
import { fieldError, useActionMutation } from "./action";
import { ConfirmDialog } from "./confirm-dialog";
import { InlineRename } from "./inline-rename";

export type Resource = { id: string; name: string; href: string; meta: string };

type Props = {
  /** "app" or "project": the words on buttons and labels. */
  noun: string;
  items: Resource[];
  canWrite: boolean;
  emptyHint: { writer: string; reader: string };
  deleteWarning: string;
  create: (name: string) => Promise<ActionResult<{ id: string; name: string }>>;
  rename: (id: string, name: string) => Promise<ActionResult<{ id: string; name: string }>>;
  remove: (id: string, confirmName: string) => Promise<ActionResult<null>>;
};

/** A named list with create, rename in place and delete by typed name: the team's apps, an app's projects. */
export function ResourceList({ noun, items, canWrite, emptyHint, deleteWarning, create, rename, remove }: Props) {
  const router = useRouter();
  const [name, setName] = useState("");
  const inputId = useId();
  const refresh = () => router.refresh();

  const creating = useActionMutation((value: string) => create(value), {
    fieldErrorsInline: true,
    success: (data) => `Created ${noun} ${data.name}`,
    onSuccess: () => (setName(""), refresh()),
  });
  const renaming = useActionMutation((v: { id: string; name: string }) => rename(v.id, v.name), {
    success: (data) => `Renamed to ${data.name}`,
    onSettled: refresh,
  });
  const deleting = useActionMutation((v: { id: string; name: string; typed: string }) => remove(v.id, v.typed), {
    success: (_, v) => `Deleted ${noun} ${v.name}`,
    onSuccess: refresh,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    creating.mutate(name);
  }

  const createError = fieldError(creating.error, "name");
  return (
    <div className="flex flex-col gap-4">
      {canWrite ? (
        <form onSubmit={submit} className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <div className="grid flex-1 gap-1.5">
            <Label htmlFor={inputId}>New {noun}</Label>
            <Input
              id={inputId}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={`Name of the ${noun}`}
              aria-invalid={createError ? true : undefined}
              aria-describedby={createError ? `${inputId}-error` : undefined}
              maxLength={200}
            />
          </div>
          <Button type="submit" disabled={creating.isPending}>
            {creating.isPending ? "Creating…" : `Create ${noun}`}
          </Button>
        </form>
      ) : null}
      {createError ? (
        <p id={`${inputId}-error`} role="alert" className="-mt-2 text-sm text-destructive">
          {createError}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">
          {canWrite ? emptyHint.writer : emptyHint.reader}
        </p>
      ) : (
        <ul className="divide-y divide-border rounded-lg border border-border bg-card" aria-label={`${noun}s`}>
          {items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <InlineRename
                name={item.name}
                noun={noun}
                canRename={canWrite}
                onRename={(next) => renaming.mutateAsync({ id: item.id, name: next })}
              >
                {(shown) => (
                  <Link href={item.href} className="truncate font-medium underline-offset-4 hover:underline focus-visible:underline">
                    {shown}
                  </Link>
                )}
              </InlineRename>
              <span className="flex items-center gap-2">
                <span className="text-sm text-muted-foreground">{item.meta}</span>
                {canWrite ? (
                  <ConfirmDialog
                    trigger={
                      <Button type="button" size="icon" variant="ghost" aria-label={`Delete ${noun} ${item.name}`}>
                        <Trash2 aria-hidden className="size-4" />
                      </Button>
                    }
                    title={`Delete ${noun} ${item.name}?`}
                    description={deleteWarning}
                    confirmLabel={`Delete ${noun}`}
                    typeToConfirm={item.name}
                    pending={deleting.isPending}
                    onConfirm={(typed) => deleting.mutateAsync({ id: item.id, name: item.name, typed })}
                  />
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
