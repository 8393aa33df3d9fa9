"use client";

import { Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { fieldError, useActionMutation } from "@/components/console/action";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { Time } from "@/components/console/time";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ENDPOINT_EVENT_TYPES, type EndpointEventType, type WebhookEndpointJson } from "@/lib/domain/webhooks/endpoint-schemas";
import { createWebhookEndpointAction, deleteWebhookEndpointAction } from "../../../../actions";

type Props = { teamSlug: string; appId: string; projectId: string; endpoints: WebhookEndpointJson[]; canWrite: boolean };

const EVENT_WORDS: Record<EndpointEventType, string> = {
  "api_key.created": "created",
  "api_key.rotated": "rotated",
  "api_key.revoked": "revoked",
  "api_key.disabled": "disabled",
  "api_key.enabled": "enabled",
  "api_key.expiring": "expiring (7 and 1 days before)",
  "api_key.expired": "expired",
  "api_key.leaked": "reported leaked",
  "api_key.stale_warning": "unused, about to be disabled",
  "api_key.credits_low": "credits low (below 20 % and 5 %)",
};

/** The project's webhook endpoints: each receives the key events it subscribes to, signed with the project's secret. */
export function WebhookEndpoints({ teamSlug, appId, projectId, endpoints, canWrite }: Props) {
  const router = useRouter();
  const remove = useActionMutation(
    (endpoint: WebhookEndpointJson) =>
      deleteWebhookEndpointAction(teamSlug, { app_id: appId, project_id: projectId, endpoint_id: endpoint.id }),
    { success: (_, endpoint) => `Removed ${endpoint.url}`, onSuccess: () => router.refresh() },
  );
  return (
    <div className="grid gap-4">
      {endpoints.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          No endpoint yet. Add one to receive this project&apos;s key events (for a SIEM, a chat channel or your own automation).
        </p>
      ) : (
        <ul className="grid gap-2" aria-label="Webhook endpoints">
          {endpoints.map((endpoint) => (
            <li key={endpoint.id} className="flex flex-wrap items-start gap-x-3 gap-y-1 rounded-md border border-border px-3 py-2 text-sm">
              <div className="grid min-w-0 flex-1 gap-1">
                <span className="font-mono text-xs break-all">{endpoint.url}</span>
                <span className="flex flex-wrap gap-1">
                  {endpoint.events.map((event) => (
                    <span key={event} className="rounded border border-border bg-muted px-1.5 py-0.5 font-mono text-xs">
                      {event}
                    </span>
                  ))}
                </span>
                <span className="text-xs text-muted-foreground">
                  added <Time value={endpoint.created_at} />
                </span>
              </div>
              {canWrite ? (
                <ConfirmDialog
                  trigger={
                    <Button type="button" size="sm" variant="ghost" aria-label={`Remove ${endpoint.url}`}>
                      <Trash2 aria-hidden />
                    </Button>
                  }
                  title="Remove this endpoint?"
                  description={`${endpoint.url} receives no new events. Messages already queued for it are still delivered.`}
                  confirmLabel="Remove endpoint"
                  pending={remove.isPending}
                  onConfirm={() => remove.mutateAsync(endpoint)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canWrite ? <AddEndpointForm teamSlug={teamSlug} appId={appId} projectId={projectId} onAdded={() => router.refresh()} /> : null}
    </div>
  );
}

function AddEndpointForm({
  teamSlug,
  appId,
  projectId,
  onAdded,
}: {
  teamSlug: string;
  appId: string;
  projectId: string;
  onAdded: () => void;
}) {
  const id = useId();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<Set<EndpointEventType>>(new Set(ENDPOINT_EVENT_TYPES));
  const add = useActionMutation(
    () => createWebhookEndpointAction(teamSlug, { app_id: appId, project_id: projectId, url: url.trim(), events: [...events] }),
    {
      fieldErrorsInline: true,
      success: (endpoint) => `Added ${endpoint.url}`,
      onSuccess: () => (setUrl(""), setEvents(new Set(ENDPOINT_EVENT_TYPES)), onAdded()),
    },
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate(undefined);
  }
  const urlError = fieldError(add.error, "url");
  const eventsError = fieldError(add.error, "events");
  return (
    <form onSubmit={submit} className="grid gap-3 border-t border-border pt-4" noValidate aria-label="Add a webhook endpoint">
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-url`}>Endpoint URL</Label>
        <Input
          id={`${id}-url`}
          value={url}
          onChange={(e) => (setUrl(e.target.value), add.reset())}
          placeholder="https://hooks.example.com/latchkey"
          aria-invalid={urlError ? true : undefined}
        />
        {urlError ? (
          <p role="alert" className="text-sm text-destructive">
            {urlError}
          </p>
        ) : null}
      </div>
      <fieldset className="grid gap-1.5">
        <legend className="mb-1 text-sm font-medium">Events</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {ENDPOINT_EVENT_TYPES.map((event) => (
            <label key={event} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 shrink-0 accent-primary"
                checked={events.has(event)}
                onChange={(e) => {
                  const next = new Set(events);
                  if (e.target.checked) next.add(event);
                  else next.delete(event);
                  setEvents(next);
                  add.reset();
                }}
              />
              <span>
                <span className="font-mono text-xs">{event}</span> <span className="text-muted-foreground">{EVENT_WORDS[event]}</span>
              </span>
            </label>
          ))}
        </div>
        {eventsError ? (
          <p role="alert" className="text-sm text-destructive">
            {eventsError}
          </p>
        ) : null}
      </fieldset>
      <p className="text-xs text-muted-foreground">
        Signed with the project&apos;s signing secret, retried and logged like every webhook. No event carries a key: only a key&apos;s own
        rotation webhook URL receives a rotation&apos;s new key.
      </p>
      <div>
        <Button type="submit" disabled={add.isPending || events.size === 0}>
          <Plus aria-hidden /> {add.isPending ? "Adding…" : "Add endpoint"}
        </Button>
      </div>
    </form>
  );
}
