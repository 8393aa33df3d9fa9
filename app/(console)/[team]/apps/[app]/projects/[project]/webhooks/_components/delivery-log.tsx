"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { RefreshCw, Send } from "lucide-react";
import Link from "next/link";
import { errorSentence, useActionMutation } from "@/components/console/action";
import { consoleKeys, getJson } from "@/components/console/query-keys";
import { Time } from "@/components/console/time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { WebhookDeliveryJson } from "@/lib/domain/webhooks/schemas";
import { redeliverWebhookAction } from "../../../../actions";
import { DeliveryDetails } from "./delivery-details";

type DeliveryPage = { deliveries: WebhookDeliveryJson[]; next_cursor: string | null };
type Props = { teamSlug: string; appId: string; projectId: string; initial: DeliveryPage; canRedeliver: boolean; pageSize: number };

const STATUS = {
  pending: { label: "Pending", variant: "info" },
  succeeded: { label: "Delivered", variant: "success" },
  failed: { label: "Failed", variant: "destructive" },
} as const;

/** The delivery log: newest first, loaded a page at a time, with a redelivery for each message whose payload is held. */
export function DeliveryLog({ teamSlug, appId, projectId, initial, canRedeliver, pageSize }: Props) {
  const queryClient = useQueryClient();
  const queryKey = consoleKeys.deliveries(teamSlug, projectId);
  const url = `/${teamSlug}/apps/${appId}/projects/${projectId}/webhooks/deliveries`;
  const log = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) =>
      getJson<DeliveryPage>(`${url}?limit=${pageSize}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    initialData: { pages: [initial], pageParams: [null] },
    staleTime: 10_000,
    // The page brings a fresh first page on every visit: a cached log from an earlier visit must not hide it.
    gcTime: 0,
  });
  const redeliver = useActionMutation(
    (messageId: string) => redeliverWebhookAction(teamSlug, { app_id: appId, project_id: projectId, message_id: messageId }),
    {
      success: (message) => {
        const last = message.attempts.at(-1);
        if (message.status === "succeeded" && last?.outcome === "succeeded") return `Delivered: HTTP ${last.status_code}`;
        return `Redelivery failed: ${last?.error ?? "no response"}`;
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey }),
    },
  );

  const rows = log.data?.pages.flatMap((page) => page.deliveries) ?? [];
  const keyHref = (keyId: string) => `/${teamSlug}/apps/${appId}/keys/${keyId}`;

  return (
    // min-w-0: a grid item is as wide as its content by default, and the table would widen the page.
    <div className="grid gap-3 [&>*]:min-w-0">
      <div className="flex items-center justify-end gap-2">
        <Button type="button" variant="outline" size="sm" onClick={() => log.refetch()} disabled={log.isFetching}>
          <RefreshCw aria-hidden className={log.isFetching ? "animate-spin" : undefined} /> Refresh
        </Button>
      </div>
      {log.isError ? (
        <p role="alert" className="text-sm text-destructive">
          {errorSentence(log.error)}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">
          No webhooks yet. A key with a rotation webhook URL sends one when it is rotated, revoked, about to expire, or at the end of its
          grace period.
        </p>
      ) : (
        <div className="rounded-lg border border-border">
          <Table aria-label="Webhook deliveries">
            <TableHeader>
              <TableRow>
                <TableHead>Event</TableHead>
                <TableHead>Key</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Attempts</TableHead>
                <TableHead>Last response</TableHead>
                <TableHead className="text-right">Latency</TableHead>
                <TableHead>Next attempt</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((delivery) => {
                const last = delivery.attempts.at(-1);
                const status = STATUS[delivery.status];
                return (
                  <TableRow key={delivery.id} data-testid="delivery-row" data-message-id={delivery.id}>
                    <TableCell className="font-mono text-xs">{delivery.event_type}</TableCell>
                    <TableCell className="w-40 min-w-40 whitespace-normal break-all">
                      <Link href={keyHref(delivery.key_id)} className="font-mono text-xs underline-offset-4 hover:underline">
                        {delivery.key_id}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <Badge variant={status.variant}>{status.label}</Badge>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{delivery.attempt_count}</TableCell>
                    <TableCell className="max-w-48 min-w-24 whitespace-normal break-words" title={last?.error ?? undefined}>
                      <span className="line-clamp-2">
                        {last ? (last.status_code === null ? (last.error ?? "No response") : `HTTP ${last.status_code}`) : "—"}
                      </span>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{last ? `${last.latency_ms} ms` : "—"}</TableCell>
                    <TableCell>
                      <Time value={delivery.next_attempt_at} />
                    </TableCell>
                    <TableCell>
                      <Time value={delivery.created_at} />
                    </TableCell>
                    <TableCell className="text-right">
                      <div className="flex justify-end gap-1">
                        <DeliveryDetails delivery={delivery} />
                        {canRedeliver && delivery.redeliverable ? (
                          <Button
                            type="button"
                            variant="outline"
                            size="sm"
                            disabled={redeliver.isPending}
                            onClick={() => redeliver.mutate(delivery.id)}
                            aria-label={`Redeliver ${delivery.event_type} ${delivery.id}`}
                          >
                            <Send aria-hidden /> Redeliver
                          </Button>
                        ) : null}
                      </div>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      {log.hasNextPage ? (
        <div className="flex justify-center">
          <Button type="button" variant="outline" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? "Loading…" : "Load older deliveries"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
