"use client";

import { Time } from "@/components/console/time";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { WebhookDeliveryJson } from "@/lib/domain/webhooks/schemas";

/** One message in full: where it goes, what it says (never a held key), and every attempt with its response. */
export function DeliveryDetails({ delivery }: { delivery: WebhookDeliveryJson }) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button type="button" variant="ghost" size="sm" aria-label={`Details of ${delivery.event_type} ${delivery.id}`}>
          Details
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{delivery.event_type}</DialogTitle>
          <DialogDescription>
            Message <span className="font-mono text-xs">{delivery.id}</span> to <span className="break-all">{delivery.url}</span>
          </DialogDescription>
        </DialogHeader>
        <section aria-label="Attempts" className="grid gap-2">
          <h3 className="text-sm font-medium">Attempts</h3>
          {delivery.attempts.length === 0 ? <p className="text-sm text-muted-foreground">Not attempted yet.</p> : null}
          <ol className="grid gap-2">
            {delivery.attempts.map((attempt) => (
              <li key={attempt.id} className="grid gap-1 rounded-md border border-border p-3 text-sm">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <span className="font-medium">#{attempt.attempt}</span>
                  <span className={attempt.outcome === "succeeded" ? "text-success" : "text-destructive"}>
                    {attempt.status_code === null ? "No response" : `HTTP ${attempt.status_code}`}
                  </span>
                  <span className="text-muted-foreground">{attempt.latency_ms} ms</span>
                  <span className="text-muted-foreground">
                    <Time value={attempt.started_at} />
                  </span>
                </div>
                {attempt.error && attempt.error !== `HTTP ${attempt.status_code}` ? (
                  <p className="break-words text-muted-foreground">{attempt.error}</p>
                ) : null}
                {attempt.response_excerpt ? (
                  <pre
                    className="max-h-40 overflow-auto rounded bg-muted p-2 font-mono text-xs whitespace-pre-wrap break-all"
                    aria-label={`Response to attempt ${attempt.attempt}`}
                  >
                    {attempt.response_excerpt}
                  </pre>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
        <section aria-label="Payload" className="grid gap-2">
          <h3 className="text-sm font-medium">Payload</h3>
          {delivery.event_type === "api_key.rotated" ? (
            <p className="text-xs text-muted-foreground">
              The new key is added to data.key when the message is sent, and is never shown here.
            </p>
          ) : null}
          <pre className="max-h-64 overflow-auto rounded bg-muted p-2 font-mono text-xs">{JSON.stringify(delivery.payload, null, 2)}</pre>
        </section>
      </DialogContent>
    </Dialog>
  );
}
