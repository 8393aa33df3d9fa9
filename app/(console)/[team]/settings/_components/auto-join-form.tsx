"use client";

import { type GrantableRole, RoleSelect } from "@/components/console/role-select";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { fieldError, useActionMutation } from "@/components/console/action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { setAutoJoinDomainAction } from "../../actions";

type AutoJoin = { domain: string; role: GrantableRole };
type Props = { teamSlug: string; current: AutoJoin | null; canEdit: boolean; yourDomain: string | null };

function Status({ current }: { current: AutoJoin | null }) {
  return (
    <p className="text-sm" data-testid="auto-join-status">
      {current ? (
        <>
          On: new people with a verified email at <span className="font-mono font-medium">{current.domain}</span> join as{" "}
          <Badge variant="secondary">{current.role}</Badge>
        </>
      ) : (
        <>Off: people join only through an invite link.</>
      )}
    </p>
  );
}

export function AutoJoinForm({ teamSlug, current, canEdit, yourDomain }: Props) {
  const router = useRouter();
  const [domain, setDomain] = useState(current?.domain ?? "");
  const [role, setRole] = useState<GrantableRole>(current?.role ?? "developer");
  const save = useActionMutation((input: { domain: string | null; role: GrantableRole }) => setAutoJoinDomainAction(teamSlug, input), {
    fieldErrorsInline: true,
    success: (_, input) => (input.domain ? `People at ${input.domain.trim().toLowerCase()} now join as ${input.role}` : "Auto-join is off"),
    onSuccess: (_, input) => (input.domain ? null : setDomain(""), router.refresh()),
  });
  const domainError = fieldError(save.error, "domain");

  if (!canEdit) {
    return (
      <div className="flex flex-col gap-2">
        <Status current={current} />
        <p className="text-sm text-muted-foreground">An admin or owner of this team can change this.</p>
      </div>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ domain, role });
  }

  return (
    <div className="flex flex-col gap-4">
      <Status current={current} />
      <form onSubmit={submit} className="flex flex-wrap items-start gap-3" noValidate>
        <div className="grid w-full gap-1.5 sm:w-72">
          <Label htmlFor="auto-join-domain">Domain</Label>
          <Input
            id="auto-join-domain"
            value={domain}
            onChange={(e) => setDomain(e.target.value)}
            placeholder={yourDomain ?? "acme.com"}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={domainError ? true : undefined}
            aria-describedby="auto-join-domain-help"
            maxLength={253}
          />
          {domainError ? (
            <p id="auto-join-domain-help" role="alert" className="text-sm text-destructive">
              Domain {domainError}
            </p>
          ) : (
            <p id="auto-join-domain-help" className="text-xs text-muted-foreground">
              {yourDomain ? (
                <>
                  Your verified email is at <span className="font-mono">{yourDomain}</span>.
                </>
              ) : (
                "The domain of your own verified email."
              )}
            </p>
          )}
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="auto-join-role">Joins as</Label>
          <RoleSelect id="auto-join-role" value={role} onChange={setRole} />
        </div>
        <div className="flex gap-2 self-end sm:self-start sm:pt-5">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save domain"}
          </Button>
          {current ? (
            <Button type="button" variant="outline" disabled={save.isPending} onClick={() => save.mutate({ domain: null, role })}>
              Clear
            </Button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
