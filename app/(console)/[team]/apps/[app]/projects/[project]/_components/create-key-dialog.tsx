"use client";

import { Plus } from "lucide-react";
import { type FormEvent, useState } from "react";
import { fieldError, useActionMutation } from "@/components/console/action";
import { EMPTY_DURATION } from "@/components/console/duration-field";
import { defaultExpiry, type Expiry, ExpiryField, expiryPresets, expiryTimestamp } from "@/components/console/expiry-field";
import { GRACE_HINT, type Policy, policyGrace, policyInterval, RotationPolicyFields } from "@/components/console/rotation-policy-fields";
import { ScopesInput } from "@/components/console/scopes-input";
import { EMPTY_LIMITS, LimitsFields, limitsInput, type LimitsValue } from "@/components/console/limits-fields";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { ApiKeyJson } from "@/lib/domain/keys/schemas";
import type { KeyPolicyJson } from "@/lib/domain/projects/schemas";
import { createKeyAction } from "../../../actions";
import type { Environment } from "./keys-table-parts";
import type { ActionInput } from "@/lib/http/actions/run-operation";

type Props = {
  teamSlug: string;
  appId: string;
  projectId: string;
  environments: Environment[];
  /** The project's key policy: the dialog states it and starts from it. */
  policy: KeyPolicyJson;
  scopeSuggestions: string[];
  onCreated: (key: ApiKeyJson & { key: string }) => void;
};

const DAY = 86_400_000;

/** Whether a chosen expiry lies past the project's maximum key lifetime from now. */
function pastMaximum(expiresAt: string | null, maxDays: number | null, now = Date.now()): boolean {
  return Boolean(maxDays && expiresAt && expiresAt !== "invalid" && new Date(expiresAt).getTime() > now + maxDays * DAY);
}

/** The project's policy in one line, or null when it sets nothing. */
function policySentence(policy: KeyPolicyJson): string | null {
  const parts = [
    policy.default_rotation_interval_days
      ? `keys rotate every ${policy.default_rotation_interval_days} days unless you change it below`
      : null,
    policy.max_key_lifetime_days ? `every key must expire within ${policy.max_key_lifetime_days} days` : null,
    ...policy.environments.filter((e) => e.require_expiry).map((e) => `keys in ${e.name} must have an expiry`),
  ].filter(Boolean);
  return parts.length ? `This project's policy: ${parts.join("; ")}.` : null;
}

export function CreateKeyDialog({ teamSlug, appId, projectId, environments, policy, scopeSuggestions, onCreated }: Props) {
  const maxDays = policy.max_key_lifetime_days;
  const requiredIn = (envId: string) => Boolean(maxDays) || Boolean(policy.environments.find((e) => e.id === envId)?.require_expiry);
  const firstEnv = environments[0]?.id ?? "";
  const startPolicy: Policy = {
    intervalDays: policy.default_rotation_interval_days ? String(policy.default_rotation_interval_days) : "",
    webhookUrl: "",
    grace: EMPTY_DURATION,
  };

  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [ownerId, setOwnerId] = useState("");
  const [environmentId, setEnvironmentId] = useState(firstEnv);
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiry, setExpiry] = useState<Expiry>(() => defaultExpiry(maxDays, requiredIn(firstEnv)));
  const [rotation, setRotation] = useState<Policy>(startPolicy);
  const [limits, setLimits] = useState<LimitsValue>(EMPTY_LIMITS);
  const [checked, setChecked] = useState(false);
  const [scopeDraftProblem, setScopeDraftProblem] = useState<string | null>(null);
  // A field changed since the last submit no longer shows the server's complaint about it.
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const touch = (...fields: string[]) => setEdited((prev) => (fields.every((f) => prev.has(f)) ? prev : new Set([...prev, ...fields])));

  const mutation = useActionMutation((input: ActionInput<"createApiKey">) => createKeyAction(teamSlug, input), {
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
    setOwnerId("");
    setEnvironmentId(firstEnv);
    setScopes([]);
    setExpiry(defaultExpiry(maxDays, requiredIn(firstEnv)));
    setRotation(startPolicy);
    setLimits(EMPTY_LIMITS);
    setChecked(false);
    setScopeDraftProblem(null);
    setEdited(new Set());
    mutation.reset();
  }

  const required = requiredIn(environmentId);
  const presets = expiryPresets(maxDays, required);
  function chooseEnvironment(id: string) {
    setEnvironmentId(id);
    touch("environment_id", "expires_at");
    // Moving to an environment that requires an expiry replaces "Never" with the policy's default.
    if (!expiryPresets(maxDays, requiredIn(id)).some((p) => p.value === expiry.preset)) setExpiry(defaultExpiry(maxDays, requiredIn(id)));
  }

  const expiresAt = expiryTimestamp(expiry);
  const interval = policyInterval(rotation);
  const grace = policyGrace(rotation);
  const tooLate = pastMaximum(expiresAt, maxDays);
  const local = {
    expires:
      checked && expiresAt === "invalid"
        ? "Choose a date in the future."
        : checked && tooLate
          ? `Choose a date within ${maxDays} days: the project's maximum key lifetime.`
          : checked && required && expiresAt === null
            ? "This key needs an expiry: choose one."
            : null,
    interval: checked && Number.isNaN(interval) ? "Enter a whole number of days from 1 to 3650, or leave it empty." : null,
    grace: checked && Number.isNaN(grace) ? GRACE_HINT : null,
  };
  const limitFields = limitsInput(limits);
  const limitsProblem = checked && "problem" in limitFields ? limitFields.problem : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    setEdited(new Set());
    if (scopeDraftProblem || expiresAt === "invalid" || tooLate || Number.isNaN(interval) || Number.isNaN(grace)) return;
    if ("problem" in limitFields) return;
    mutation.mutate({
      app_id: appId,
      project_id: projectId,
      name,
      ...(ownerId.trim() ? { owner_id: ownerId.trim() } : {}),
      environment_id: environmentId,
      scopes,
      expires_at: expiresAt,
      rotation_interval_days: interval,
      rotation_grace_period_seconds: grace,
      rotation_webhook_url: rotation.webhookUrl.trim() || null,
      ...(limitFields.rate_limits.length ? { rate_limits: limitFields.rate_limits } : {}),
      ...(limitFields.credits ? { credits: limitFields.credits } : {}),
    });
  }

  const err = (field: string) => (edited.has(field) ? null : fieldError(mutation.error, field));
  const note = policySentence(policy);
  const env = environments.find((e) => e.id === environmentId);
  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), next || reset())}>
      <DialogTrigger asChild>
        <Button type="button">
          <Plus aria-hidden /> Create key
        </Button>
      </DialogTrigger>
      <DialogContent className="gap-0 p-0 sm:max-w-2xl">
        <form onSubmit={submit} className="grid" noValidate>
          <div className="grid gap-4 p-6 pb-4">
            <DialogHeader>
              <DialogTitle>New API key</DialogTitle>
              <DialogDescription>The full key is shown once, right after you create it.</DialogDescription>
            </DialogHeader>
            {note ? (
              <p className="rounded-md border border-border bg-muted px-3 py-2 text-sm text-muted-foreground" data-testid="project-policy">
                {note}
              </p>
            ) : null}
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="grid content-start gap-1.5">
                <Label htmlFor="key-name">Name</Label>
                <Input
                  id="key-name"
                  value={name}
                  onChange={(e) => (setName(e.target.value), touch("name"))}
                  placeholder="e.g. Acme Corp production"
                  maxLength={200}
                  aria-invalid={err("name") ? true : undefined}
                />
                {err("name") ? (
                  <p role="alert" className="text-sm text-destructive">
                    {err("name")}
                  </p>
                ) : null}
              </div>
              <div className="grid content-start gap-1.5">
                <Label htmlFor="key-owner-id">
                  Owner ID <span className="font-normal text-muted-foreground">(optional)</span>
                </Label>
                <Input
                  id="key-owner-id"
                  value={ownerId}
                  onChange={(e) => (setOwnerId(e.target.value), touch("owner_id"))}
                  placeholder="e.g. cus_123"
                  maxLength={255}
                  aria-invalid={err("owner_id") ? true : undefined}
                />
                {err("owner_id") ? (
                  <p role="alert" className="text-sm text-destructive">
                    {err("owner_id")}
                  </p>
                ) : null}
              </div>
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="grid content-start gap-1.5">
                <Label htmlFor="key-environment">Environment</Label>
                <Select value={environmentId} onValueChange={chooseEnvironment}>
                  <SelectTrigger id="key-environment">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {environments.map((e) => (
                      <SelectItem key={e.id} value={e.id}>
                        {e.name} ({e.kind === "live" ? "lk_live_" : "lk_test_"} keys)
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </div>
              <ExpiryField
                value={expiry}
                onChange={(next) => (setExpiry(next), touch("expires_at"))}
                presets={presets}
                hint={
                  maxDays
                    ? `At most ${maxDays} days (the project's maximum).`
                    : required
                      ? `Required in ${env?.name ?? "this environment"}.`
                      : null
                }
                error={local.expires ?? err("expires_at")}
              />
            </div>
            <ScopesInput
              value={scopes}
              onChange={(next) => (setScopes(next), touch("scopes"))}
              suggestions={scopeSuggestions}
              onPendingProblem={setScopeDraftProblem}
            />
            {err("scopes") ? (
              <p role="alert" className="-mt-2 text-sm text-destructive">
                {err("scopes")}
              </p>
            ) : null}
            <RotationPolicyFields
              value={rotation}
              onChange={(next) => {
                setRotation(next);
                touch(
                  ...(next.intervalDays !== rotation.intervalDays ? ["rotation_interval_days"] : []),
                  ...(next.grace !== rotation.grace ? ["rotation_grace_period_seconds"] : []),
                  ...(next.webhookUrl !== rotation.webhookUrl ? ["rotation_webhook_url"] : []),
                );
              }}
              from={new Date()}
              columns={2}
              projectGraceSeconds={policy.default_grace_period_seconds}
              intervalNote={
                policy.default_rotation_interval_days && interval === policy.default_rotation_interval_days
                  ? "The project's default."
                  : null
              }
              errors={{
                interval: local.interval ?? err("rotation_interval_days"),
                grace: local.grace ?? err("rotation_grace_period_seconds"),
                webhook: err("rotation_webhook_url"),
              }}
            />
            <LimitsFields
              idPrefix="create"
              value={limits}
              onChange={(next) => (setLimits(next), touch("rate_limits", "credits"))}
              error={limitsProblem ?? err("rate_limits") ?? err("credits")}
            />
          </div>
          {/* The buttons stay in view while the fields scroll, at any window height. */}
          <DialogFooter className="sticky bottom-0 border-t border-border bg-background px-6 py-4">
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
