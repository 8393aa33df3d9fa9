"use client";

import { Plus } from "lucide-react";
import { type FormEvent, useState } from "react";
import { fieldError, useActionMutation } from "@/components/console/action";
import { type Expiry, ExpiryField, expiryTimestamp } from "@/components/console/expiry-field";
import { GRACE_HINT, type Policy, policyGrace, policyInterval, RotationPolicyFields } from "@/components/console/rotation-policy-fields";
import { ScopesInput } from "@/components/console/scopes-input";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { ApiKeyJson } from "@/lib/keys/schemas";
import { createKeyAction } from "../../../actions";

type Environment = { id: string; name: string; kind: string };
type Props = {
  teamSlug: string;
  appId: string;
  projectId: string;
  environments: Environment[];
  scopeSuggestions: string[];
  onCreated: (key: ApiKeyJson & { key: string }) => void;
};

const EMPTY_POLICY: Policy = { intervalDays: "", webhookUrl: "", graceSeconds: "" };

export function CreateKeyDialog({ teamSlug, appId, projectId, environments, scopeSuggestions, onCreated }: Props) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [environmentId, setEnvironmentId] = useState(environments[0]?.id ?? "");
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiry, setExpiry] = useState<Expiry>({ preset: "never", date: "" });
  const [policy, setPolicy] = useState<Policy>(EMPTY_POLICY);
  const [checked, setChecked] = useState(false);

  const mutation = useActionMutation((input: Record<string, unknown>) => createKeyAction(teamSlug, input), {
    fieldErrorsInline: true,
    success: (key) => `Created ${key.name}`,
    onSuccess: (key) => {
      setOpen(false);
      reset();
      onCreated(key);
    },
  });

  function reset() {
    setName("");
    setScopes([]);
    setExpiry({ preset: "never", date: "" });
    setPolicy(EMPTY_POLICY);
    setChecked(false);
    mutation.reset();
  }

  const expiresAt = expiryTimestamp(expiry);
  const interval = policyInterval(policy);
  const grace = policyGrace(policy);
  const local = {
    expires: checked && expiresAt === "invalid" ? "Choose a date in the future." : null,
    interval: checked && Number.isNaN(interval) ? "Enter a whole number of days from 1 to 3650, or leave it empty." : null,
    grace: checked && Number.isNaN(grace) ? GRACE_HINT : null,
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (expiresAt === "invalid" || Number.isNaN(interval) || Number.isNaN(grace)) return;
    mutation.mutate({
      app_id: appId,
      project_id: projectId,
      name,
      environment_id: environmentId,
      scopes,
      expires_at: expiresAt,
      rotation_interval_days: interval,
      rotation_grace_period_seconds: grace,
      rotation_webhook_url: policy.webhookUrl.trim() || null,
    });
  }

  const err = (field: string) => fieldError(mutation.error, field);
  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), next || reset())}>
      <DialogTrigger asChild>
        <Button type="button">
          <Plus aria-hidden /> Create key
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-lg">
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>New API key</DialogTitle>
            <DialogDescription>The full key is shown once, right after you create it.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-1.5">
            <Label htmlFor="key-name">Name</Label>
            <Input id="key-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Acme Corp production" maxLength={200} aria-invalid={err("name") ? true : undefined} />
            {err("name") ? (
              <p role="alert" className="text-sm text-destructive">
                {err("name")}
              </p>
            ) : null}
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="key-environment">Environment</Label>
            <Select value={environmentId} onValueChange={setEnvironmentId}>
              <SelectTrigger id="key-environment">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {environments.map((env) => (
                  <SelectItem key={env.id} value={env.id}>
                    {env.name} ({env.kind === "live" ? "lk_live_" : "lk_test_"} keys)
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <ScopesInput value={scopes} onChange={setScopes} suggestions={scopeSuggestions} />
          {err("scopes") ? (
            <p role="alert" className="-mt-2 text-sm text-destructive">
              {err("scopes")}
            </p>
          ) : null}
          <ExpiryField value={expiry} onChange={setExpiry} error={local.expires ?? err("expires_at")} />
          <RotationPolicyFields value={policy} onChange={setPolicy} from={new Date()} errors={{ interval: local.interval ?? err("rotation_interval_days"), grace: local.grace ?? err("rotation_grace_period_seconds"), webhook: err("rotation_webhook_url") }} />
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? "Creating…" : "Create key"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
