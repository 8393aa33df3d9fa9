"use client";

import { useRouter } from "next/navigation";
import { KeyRound, Plus, Trash2 } from "lucide-react";
import { type FormEvent, useState } from "react";
import { fieldError, useActionMutation } from "@/components/console/action";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { InlineRename } from "@/components/console/inline-rename";
import { type RevealedSecret, RevealKeyDialog } from "@/components/console/reveal-key-dialog";
import { Time } from "@/components/console/time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AppApiKeyJson, AppKeyRole, ConsoleAppApiKey } from "@/lib/domain/app-keys/schemas";
import { createAppKeyAction, deleteAppKeyAction, renameAppKeyAction } from "../actions";

type Props = { teamSlug: string; appId: string; canWrite: boolean; initialKeys: ConsoleAppApiKey[] };

export function AppKeys({ teamSlug, appId, canWrite, initialKeys }: Props) {
  const router = useRouter();
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const rename = useActionMutation((v: { key_id: string; name: string }) => renameAppKeyAction(teamSlug, { app_id: appId, ...v }), {
    success: (key) => `Renamed to ${key.name}`,
    onSettled: () => router.refresh(),
  });
  const remove = useActionMutation(
    (v: { key_id: string; name: string }) => deleteAppKeyAction(teamSlug, { app_id: appId, key_id: v.key_id }),
    {
      success: (_, v) => `Deleted ${v.name}; it no longer authenticates`,
      onSuccess: () => router.refresh(),
    },
  );

  return (
    <div className="flex flex-col gap-3">
      {canWrite ? (
        <div>
          <CreateAppKeyDialog
            create={(input) => createAppKeyAction(teamSlug, { app_id: appId, ...input })}
            onCreated={(key) => {
              setRevealed({ title: `App admin key ${key.name} created`, secret: key.plaintext_key });
              router.refresh();
            }}
          />
        </div>
      ) : null}
      {initialKeys.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">
          No app admin keys.{" "}
          {canWrite ? "Create one for each backend that calls the Latchkey API." : "An admin of this team can create one."}
        </p>
      ) : (
        <Table aria-label="App admin keys">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Key</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Last used</TableHead>
              {canWrite ? (
                <TableHead className="w-12">
                  <span className="sr-only">Actions</span>
                </TableHead>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {initialKeys.map((key) => (
              <TableRow key={key.id}>
                <TableCell>
                  <InlineRename
                    name={key.name}
                    noun="app key"
                    canRename={canWrite}
                    onRename={(name) => rename.mutateAsync({ key_id: key.id, name })}
                  />
                </TableCell>
                <TableCell>
                  <Badge variant={key.role === "admin" ? "default" : "secondary"}>{key.role}</Badge>
                </TableCell>
                <TableCell className="font-mono text-xs">{key.key_prefix}…</TableCell>
                <TableCell>
                  <Time value={key.created_at} />
                </TableCell>
                <TableCell>
                  <Time value={key.last_used_at} empty="Never" />
                </TableCell>
                {canWrite ? (
                  <TableCell>
                    <ConfirmDialog
                      trigger={
                        <Button type="button" size="icon" variant="ghost" aria-label={`Delete app key ${key.name}`}>
                          <Trash2 aria-hidden className="size-4" />
                        </Button>
                      }
                      title={`Delete ${key.name}?`}
                      description="Requests that use this key are refused at once. This cannot be undone."
                      confirmLabel="Delete key"
                      pending={remove.isPending}
                      onConfirm={() => remove.mutateAsync({ key_id: key.id, name: key.name })}
                    />
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <RevealKeyDialog revealed={revealed} onClose={() => setRevealed(null)} />
    </div>
  );
}

type Created = AppApiKeyJson & { plaintext_key: string };

function CreateAppKeyDialog({
  create,
  onCreated,
}: {
  create: (input: { name: string; role: AppKeyRole }) => ReturnType<typeof createAppKeyAction>;
  onCreated: (key: Created) => void;
}) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [role, setRole] = useState<AppKeyRole>("admin");
  const mutation = useActionMutation(create, {
    fieldErrorsInline: true,
    onSuccess: (key) => {
      setOpen(false);
      setName("");
      setRole("admin");
      onCreated(key);
    },
  });
  const nameError = fieldError(mutation.error, "name");

  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({ name, role });
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), next || mutation.reset())}>
      <DialogTrigger asChild>
        <Button type="button">
          <Plus aria-hidden /> Create app key
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle className="flex items-center gap-2">
              <KeyRound aria-hidden className="size-4" /> New app admin key
            </DialogTitle>
            <DialogDescription>The key is shown once, right after you create it.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-1.5">
            <Label htmlFor="app-key-name">Name</Label>
            <Input
              id="app-key-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. Billing backend"
              aria-invalid={nameError ? true : undefined}
              maxLength={200}
            />
            {nameError ? (
              <p role="alert" className="text-sm text-destructive">
                {nameError}
              </p>
            ) : null}
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="app-key-role">Role</Label>
            <Select value={role} onValueChange={(value) => setRole(value as AppKeyRole)}>
              <SelectTrigger id="app-key-role">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="admin">Admin: manages this app&apos;s keys</SelectItem>
                <SelectItem value="verifier">Verifier: only verifies keys</SelectItem>
              </SelectContent>
            </Select>
          </div>
          <DialogFooter>
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? "Creating…" : "Create key"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
