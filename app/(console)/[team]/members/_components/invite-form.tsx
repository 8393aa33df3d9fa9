"use client";

import { type GrantableRole, RoleSelect } from "@/components/console/role-select";
import { Check, Copy, Link2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { fieldError, useActionMutation } from "@/components/console/action";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { toast } from "@/components/ui/toast";
import { describeRole } from "@/lib/domain/teams/permissions";
import { createInviteAction } from "../../actions";

const EXPIRIES = [1, 7, 14, 30] as const;

export type CreatedInvite = { id: string; url: string; days: string };

/** Creates an invite link; the new link shows once, below the form. */
export function InviteForm({
  teamSlug,
  created,
  onCreated,
}: {
  teamSlug: string;
  created: CreatedInvite | null;
  onCreated: (invite: CreatedInvite | null) => void;
}) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<GrantableRole>("developer");
  const [days, setDays] = useState("7");
  const create = useActionMutation(
    (input: { email?: string; role: GrantableRole; expires_in_days: number }) => createInviteAction(teamSlug, input),
    {
      fieldErrorsInline: true,
      success: () => "Invite link created",
      onSuccess: (data) => {
        onCreated({ id: data.id, url: `${window.location.origin}${data.path}`, days });
        setEmail("");
        router.refresh();
      },
    },
  );
  const emailError = fieldError(create.error, "email");

  function submit(event: FormEvent) {
    event.preventDefault();
    onCreated(null);
    const trimmed = email.trim();
    create.mutate({ role, expires_in_days: Number(days), ...(trimmed ? { email: trimmed } : {}) });
  }

  return (
    <div className="flex flex-col gap-3 rounded-lg border border-border bg-card p-4">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div className="grid w-full gap-1.5 sm:w-64">
          <Label htmlFor="invite-email">Email (optional)</Label>
          <Input
            id="invite-email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder="teammate@example.com"
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? "invite-email-error" : undefined}
            maxLength={320}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="invite-role">Role</Label>
          <RoleSelect id="invite-role" value={role} onChange={setRole} describedBy="invite-role-description" />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="invite-expiry">Expires in</Label>
          <Select value={days} onValueChange={setDays}>
            <SelectTrigger id="invite-expiry" className="w-28">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {EXPIRIES.map((d) => (
                <SelectItem key={d} value={String(d)}>
                  {d === 1 ? "1 day" : `${d} days`}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <Button type="submit" disabled={create.isPending}>
          <Link2 aria-hidden /> {create.isPending ? "Creating…" : "Create invite link"}
        </Button>
      </form>
      <p id="invite-role-description" className="text-sm text-muted-foreground" aria-live="polite">
        <span className="font-medium text-foreground capitalize">{role}:</span> {describeRole(role)}
      </p>
      {emailError ? (
        <p id="invite-email-error" role="alert" className="text-sm text-destructive">
          {emailError}
        </p>
      ) : null}
      {created ? <InviteLink url={created.url} days={created.days} /> : null}
    </div>
  );
}

/** The new link, shown this once: only its hash is stored. */
function InviteLink({ url, days }: { url: string; days: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      toast({ title: "Copying was blocked", description: "Select the link and copy it by hand.", variant: "destructive" });
    }
  }
  return (
    <div className="flex flex-col gap-2 rounded-md border border-border bg-muted/50 p-3">
      <p className="text-sm">
        Send this link to the person you invite. It is shown only once, works once, and expires in {days === "1" ? "1 day" : `${days} days`}
        .
      </p>
      <div className="flex items-stretch gap-2">
        <code
          data-testid="invite-link"
          className="min-w-0 flex-1 rounded-md border border-border bg-background px-3 py-2 font-mono text-xs break-all select-all"
        >
          {url}
        </code>
        <Button type="button" variant="outline" onClick={copy} aria-label={copied ? "Copied" : "Copy invite link"}>
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
          <span className="hidden sm:inline">{copied ? "Copied" : "Copy"}</span>
        </Button>
      </div>
    </div>
  );
}
