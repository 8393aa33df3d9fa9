"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { fieldError, useActionMutation } from "@/components/console/action";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ConsoleKey } from "@/lib/domain/keys/serialize";
import { updateKeyAction } from "../../../actions";

type Changes = { owner_id?: string | null; meta?: Record<string, unknown> | null; ip_allowlist?: string[] };

const TEXTAREA =
  "min-h-24 w-full rounded-md border border-input bg-background px-3 py-2 font-mono text-xs shadow-xs outline-none " +
  "focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background aria-invalid:border-destructive";

const metaText = (meta: ConsoleKey["meta"]) => (meta ? JSON.stringify(meta, null, 2) : "");
const listText = (entries: string[]) => entries.join("\n");
const parseList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);

/** The message for one of the allow-list's entries, which the server names ("changes.ip_allowlist.2"). */
function allowlistError(error: Error | null): string | null {
  return fieldError(error, "changes.ip_allowlist") ?? fieldError(error, "ip_allowlist");
}

/** A key's owner, meta and IP allow-list, through the same service call as PATCH /v1/api-keys/{keyID}. */
export function KeyOwnerForm({ teamSlug, appId, keyRow }: { teamSlug: string; appId: string; keyRow: ConsoleKey }) {
  const router = useRouter();
  const [owner, setOwner] = useState(keyRow.owner_id ?? "");
  const [meta, setMeta] = useState(metaText(keyRow.meta));
  const [allowlist, setAllowlist] = useState(listText(keyRow.ip_allowlist));
  const [metaInvalid, setMetaInvalid] = useState<string | null>(null);
  const save = useActionMutation((changes: Changes) => updateKeyAction(teamSlug, { app_id: appId, key_id: keyRow.id, changes }), {
    fieldErrorsInline: true,
    success: () => "Owner, meta and allow-list saved",
    onSuccess: () => router.refresh(),
  });

  const ownerChanged = owner.trim() !== (keyRow.owner_id ?? "");
  const metaChanged = meta.trim() !== metaText(keyRow.meta).trim();
  const listChanged = listText(parseList(allowlist)) !== listText(keyRow.ip_allowlist);

  function submit(event: FormEvent) {
    event.preventDefault();
    const changes: Changes = {};
    if (ownerChanged) changes.owner_id = owner.trim() || null;
    if (metaChanged) {
      if (meta.trim() === "") changes.meta = null;
      else {
        let parsed: unknown;
        try {
          parsed = JSON.parse(meta);
        } catch {
          return setMetaInvalid('This is not JSON. Write an object, such as {"plan": "pro"}.');
        }
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
          return setMetaInvalid('Write a JSON object, such as {"plan": "pro"}.');
        changes.meta = parsed as Record<string, unknown>;
      }
    }
    if (listChanged) changes.ip_allowlist = parseList(allowlist);
    setMetaInvalid(null);
    save.mutate(changes);
  }

  const ownerError = fieldError(save.error, "changes.owner_id");
  const metaError = metaInvalid ?? fieldError(save.error, "changes.meta");
  const listError = allowlistError(save.error);
  return (
    <form onSubmit={submit} className="grid gap-4" noValidate aria-label="Owner, meta and IP allow-list">
      <div className="grid gap-1.5">
        <Label htmlFor="key-owner">Owner ID</Label>
        <Input
          id="key-owner"
          value={owner}
          maxLength={255}
          placeholder="cus_123: your customer's or service's id"
          onChange={(e) => (setOwner(e.target.value), save.reset())}
          aria-invalid={ownerError ? true : undefined}
          aria-describedby="key-owner-help"
        />
        <p id="key-owner-help" className="text-xs text-muted-foreground">
          Returned at verification. Revoke every key of an owner at once with bulk revoke.
        </p>
        {ownerError ? (
          <p role="alert" className="text-sm text-destructive">
            {ownerError}
          </p>
        ) : null}
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="key-meta">Meta (JSON object)</Label>
        <textarea
          id="key-meta"
          className={TEXTAREA}
          value={meta}
          spellCheck={false}
          placeholder='{"plan": "pro"}'
          onChange={(e) => (setMeta(e.target.value), setMetaInvalid(null), save.reset())}
          aria-invalid={metaError ? true : undefined}
          aria-describedby="key-meta-help"
        />
        <p id="key-meta-help" className="text-xs text-muted-foreground">
          Up to 16 KB, returned with every verification. Never put a secret here.
        </p>
        {metaError ? (
          <p role="alert" className="text-sm text-destructive">
            {metaError}
          </p>
        ) : null}
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="key-allowlist">IP allow-list</Label>
        <textarea
          id="key-allowlist"
          className={TEXTAREA}
          value={allowlist}
          spellCheck={false}
          placeholder={"203.0.113.7\n10.0.0.0/8\n2001:db8::/32"}
          onChange={(e) => (setAllowlist(e.target.value), save.reset())}
          aria-invalid={listError ? true : undefined}
          aria-describedby="key-allowlist-help"
        />
        <p id="key-allowlist-help" className="text-xs text-muted-foreground">
          One address or CIDR range a line, up to 100. With a list, the key verifies only when the caller sends the client&apos;s{" "}
          <code>ip</code> and it is inside. Empty: any address.
        </p>
        {listError ? (
          <p role="alert" className="text-sm text-destructive">
            {listError}
          </p>
        ) : null}
      </div>
      <div>
        <Button type="submit" disabled={save.isPending || (!ownerChanged && !metaChanged && !listChanged)}>
          {save.isPending ? "Saving…" : "Save owner, meta and allow-list"}
        </Button>
      </div>
    </form>
  );
}
