"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { fieldError, useActionMutation } from "@/components/console/action";
import { LimitsFields, limitsInput, limitsOf } from "@/components/console/limits-fields";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { ConsoleKey } from "@/lib/domain/keys/serialize";
import type { ActionInput } from "@/lib/http/actions/run-operation";
import { changeKeyCreditsAction, updateKeyAction } from "../../../actions";

type Op = "increment" | "decrement" | "set";
type Changes = ActionInput<"updateApiKey">["changes"];
const OPS: { value: Op; label: string }[] = [
  { value: "increment", label: "Add" },
  { value: "decrement", label: "Take away" },
  { value: "set", label: "Set to" },
];

/**
 * A key's rate limits and credits (PATCH /v1/api-keys/{keyID}), and its balance changed by
 * POST /v1/api-keys/{keyID}/credits: the same service calls as the API.
 */
export function KeyLimitsForm({ teamSlug, appId, keyRow }: { teamSlug: string; appId: string; keyRow: ConsoleKey }) {
  const router = useRouter();
  const start = limitsOf(keyRow);
  const [limits, setLimits] = useState(start);
  const [problem, setProblem] = useState<string | null>(null);
  const [op, setOp] = useState<Op>("increment");
  const [amount, setAmount] = useState("");
  const save = useActionMutation((changes: Changes) => updateKeyAction(teamSlug, { app_id: appId, key_id: keyRow.id, changes }), {
    fieldErrorsInline: true,
    success: () => "Rate limits and credits saved",
    onSuccess: () => router.refresh(),
  });
  const adjust = useActionMutation(
    (change: { op: Op; amount: number }) => changeKeyCreditsAction(teamSlug, { app_id: appId, key_id: keyRow.id, change }),
    {
      fieldErrorsInline: true,
      success: (key) => `Credits now ${key.credits?.remaining.toLocaleString("en") ?? "unlimited"}`,
      onSuccess: () => (setAmount(""), router.refresh()),
    },
  );
  const changed = JSON.stringify(limits) !== JSON.stringify(start);

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = limitsInput(limits);
    if ("problem" in input) return setProblem(input.problem);
    setProblem(null);
    // A balance left as it was is not a new starting balance: send the credits only when they changed.
    const creditsChanged = JSON.stringify(limits.credits) !== JSON.stringify(start.credits);
    save.mutate({ rate_limits: input.rate_limits, ...(creditsChanged ? { credits: input.credits } : {}) });
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    if (!/^\d+$/.test(amount.trim())) return;
    adjust.mutate({ op, amount: Number(amount) });
  }

  const amountError = fieldError(adjust.error, "change.amount");
  const saveError = problem ?? fieldError(save.error, "changes.rate_limits") ?? fieldError(save.error, "changes.credits");
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form onSubmit={submit} className="grid gap-4" noValidate aria-label="Rate limits and credits">
        <LimitsFields
          framed={false}
          idPrefix="key"
          value={limits}
          onChange={(next) => (setLimits(next), setProblem(null), save.reset())}
          error={saveError}
        />
        <div>
          <Button type="submit" disabled={save.isPending || !changed}>
            {save.isPending ? "Saving…" : "Save rate limits and credits"}
          </Button>
        </div>
      </form>
      {keyRow.credits ? (
        <form
          onSubmit={apply}
          className="grid content-start gap-2 border-t border-border pt-4 lg:border-t-0 lg:border-l lg:pt-0 lg:pl-6"
          noValidate
          aria-label="Change the balance"
        >
          <p className="text-sm">
            <span className="font-medium tabular-nums" data-testid="credits-remaining">
              {keyRow.credits.remaining.toLocaleString("en")}
            </span>{" "}
            credits left
            {keyRow.credits.refill && keyRow.credits.next_refill_at
              ? `; refilled to ${keyRow.credits.refill.amount.toLocaleString("en")} on ${new Date(keyRow.credits.next_refill_at).toUTCString().slice(5, 16)}`
              : ""}
            .
          </p>
          <div className="flex flex-wrap items-end gap-2">
            <div className="grid gap-1">
              <Label htmlFor="credits-op" className="text-xs">
                Change
              </Label>
              <Select value={op} onValueChange={(value) => setOp(value as Op)}>
                <SelectTrigger id="credits-op" className="w-32">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {OPS.map((o) => (
                    <SelectItem key={o.value} value={o.value}>
                      {o.label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
            <div className="grid gap-1">
              <Label htmlFor="credits-amount" className="text-xs">
                Credits
              </Label>
              <Input
                id="credits-amount"
                className="w-32"
                inputMode="numeric"
                value={amount}
                placeholder="100"
                onChange={(e) => (setAmount(e.target.value), adjust.reset())}
                aria-invalid={amountError ? true : undefined}
              />
            </div>
            <Button type="submit" variant="outline" disabled={adjust.isPending || !/^\d+$/.test(amount.trim())}>
              {adjust.isPending ? "Applying…" : "Apply"}
            </Button>
          </div>
          {amountError ? (
            <p role="alert" className="text-sm text-destructive">
              {amountError}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
