"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { fieldError, useActionMutation } from "@/components/console/action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/http/actions/result";

/** The server action that creates a team (app/(console)/[team]/actions.ts), handed down by the layout. */
export type CreateTeam = (teamSlug: string, input: { name: string }) => Promise<ActionResult<{ id: string; slug: string; name: string }>>;

/** A new team, owned by the person who creates it; opened from the team switcher. */
export function CreateTeamDialog({
  teamSlug,
  createTeam,
  open,
  onOpenChange,
}: {
  teamSlug: string;
  createTeam: CreateTeam;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const [name, setName] = useState("");
  const create = useActionMutation((value: string) => createTeam(teamSlug, { name: value }), {
    fieldErrorsInline: true,
    success: (team) => `Created ${team.name}; you own it`,
    onSuccess: (team) => {
      onOpenChange(false);
      setName("");
      router.push(`/${team.slug}`);
    },
  });
  const error = fieldError(create.error, "name");
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(name);
  }
  return (
    <Dialog open={open} onOpenChange={(next) => (onOpenChange(next), next || create.reset())}>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>New team</DialogTitle>
            <DialogDescription>A team has its own apps, keys, members and audit log. You will be its owner.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-1.5">
            <Label htmlFor="new-team-name">Team name</Label>
            <Input
              id="new-team-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. Acme platform"
              maxLength={100}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "new-team-name-error" : undefined}
            />
            {error ? (
              <p id="new-team-name-error" role="alert" className="text-sm text-destructive">
                {error}
              </p>
            ) : null}
          </div>
          <DialogFooter>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create team"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
