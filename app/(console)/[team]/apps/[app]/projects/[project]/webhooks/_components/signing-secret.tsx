"use client";

import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorSentence, useActionMutation } from "@/components/console/action";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { type RevealedSecret, RevealKeyDialog } from "@/components/console/reveal-key-dialog";
import { Time } from "@/components/console/time";
import { Button } from "@/components/ui/button";
import type { SigningSecretInfo } from "@/lib/domain/webhooks/signing-secret";
import { rotateSigningSecretAction } from "../../../../actions";

type Props = { teamSlug: string; appId: string; projectId: string; initial: SigningSecretInfo; canRotate: boolean };

/** Whether the project has a signing secret; an admin creates or rotates it, and sees the new one once. */
export function SigningSecret({ teamSlug, appId, projectId, initial, canRotate }: Props) {
  const router = useRouter();
  const [info, setInfo] = useState(initial);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const rotate = useActionMutation(() => rotateSigningSecretAction(teamSlug, { app_id: appId, project_id: projectId }), {
    success: () => (info.exists ? "Signing secret rotated" : "Signing secret created"),
    onSuccess: (result) => {
      setInfo({ exists: true, created_at: new Date().toISOString(), previous_secret_expires_at: result.previous_secret_expires_at });
      setRevealed({
        title: info.exists ? "New webhook signing secret" : "Webhook signing secret",
        secret: result.secret,
        noun: "secret",
        warning: "This is the only time the secret is shown. Latchkey keeps it encrypted to sign webhooks and cannot show it again.",
        details: result.previous_secret_expires_at ? (
          <p className="text-sm text-muted-foreground">
            Messages are signed with the previous secret too, so receivers can switch without refusing one; it stops{" "}
            <Time value={result.previous_secret_expires_at} />.
          </p>
        ) : null,
      });
      router.refresh();
    },
  });

  const label = info.exists ? "Rotate signing secret" : "Create signing secret";
  return (
    <div className="grid gap-3 text-sm">
      {info.exists ? (
        <p>
          Set <Time value={info.created_at} />.
          {info.previous_secret_expires_at ? (
            <>
              {" "}
              The previous secret signs beside it and stops <Time value={info.previous_secret_expires_at} />.
            </>
          ) : null}
        </p>
      ) : (
        <p role="status" className="rounded-md border border-warning/40 bg-warning/10 p-3">
          This project has no signing secret yet: its webhooks cannot be sent until one is created.
        </p>
      )}
      {canRotate ? (
        <div>
          <ConfirmDialog
            trigger={
              <Button type="button" variant="outline">
                <KeyRound aria-hidden /> {label}
              </Button>
            }
            title={label}
            description={
              info.exists ? (
                <p>
                  A new secret is shown once. The current one keeps signing beside it for a day; after that, receivers that do not have the
                  new one refuse every message.
                </p>
              ) : (
                <p>The secret is shown once. Give it to every service that receives this project&apos;s webhooks.</p>
              )
            }
            confirmLabel={info.exists ? "Rotate secret" : "Create secret"}
            pending={rotate.isPending}
            error={rotate.error ? errorSentence(rotate.error) : null}
            onConfirm={() => rotate.mutateAsync(undefined)}
          />
        </div>
      ) : null}
      <RevealKeyDialog revealed={revealed} onClose={() => setRevealed(null)} />
    </div>
  );
}
