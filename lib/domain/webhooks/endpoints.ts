import "server-only";
import { type Page, type PageQuery, pageOf, pageOrder, pageStart, readAfter } from "../../core/pagination";
import type { AppScope } from "../../core/scope";
import { invalidField, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { iso } from "../../core/schemas";
import { db, transaction, type Tx } from "../../platform/db";
import type { WebhookEndpoint } from "../../platform/db/models";
import { recordAudit } from "../audit/service";
import { assertProject } from "../projects/service";
import { type CreateEndpointInput, type EndpointEventType, MAX_ENDPOINTS, type WebhookEndpointJson } from "./endpoint-schemas";
import { enqueueWebhook } from "./outbox";
import { checkWebhookUrl, targetPolicy } from "./url-guard";

// A project's webhook endpoints, and the fan-out of a key's lifecycle events to them. The events
// join the outbox in the transaction of the change they report, like every webhook
// (lib/domain/webhooks/outbox.ts), and are delivered, retried and logged the same way.

/** The event types an endpoint row stores, as a JSON array. */
function parseEvents(stored: string): string[] {
  const value: unknown = JSON.parse(stored);
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === "string") : [];
}

export function toEndpointJson(row: WebhookEndpoint): WebhookEndpointJson {
  return {
    id: row.id,
    project_id: row.projectId,
    url: row.url,
    events: parseEvents(row.events) as EndpointEventType[],
    created_at: iso(row.createdAt)!,
  };
}

export async function createWebhookEndpoint(scope: AppScope, projectId: string, input: CreateEndpointInput): Promise<WebhookEndpoint> {
  const verdict = checkWebhookUrl(input.url, targetPolicy());
  if (!verdict.ok) throw invalidField("url", verdict.reason);
  await assertProject(scope, projectId);
  return transaction(async (tx) => {
    const count = await tx.webhookEndpoint.count({ where: { projectId, appId: scope.appId } });
    if (count >= MAX_ENDPOINTS) throw invalidField("url", `a project has at most ${MAX_ENDPOINTS} webhook endpoints: remove one first`);
    const row = await tx.webhookEndpoint.create({
      data: {
        id: newId("webhookEndpoint"),
        appId: scope.appId,
        projectId,
        url: input.url,
        events: JSON.stringify(input.events),
        createdBy: scope.actor.id,
      },
    });
    await recordAudit(tx, scope, {
      action: "project.webhook_endpoint_created",
      target: { type: "project", id: projectId },
      metadata: { endpoint_id: row.id, url: row.url, events: input.events },
    });
    return row;
  });
}

export async function listWebhookEndpoints(scope: AppScope, projectId: string, query: PageQuery): Promise<Page<WebhookEndpoint>> {
  const where = { projectId, appId: scope.appId };
  const start = await pageStart(
    query,
    async (id) =>
      (await db().webhookEndpoint.findFirst({ where: { ...where, id }, select: { id: true, createdAt: true } })) ??
      (await assertProject(scope, projectId), null),
  );
  const rows = await readAfter(
    (after, take) => db().webhookEndpoint.findMany({ where: { AND: [where, after] }, orderBy: [...pageOrder("asc")], take }),
    start,
    "asc",
    query.limit + 1,
  );
  if (rows.length === 0) await assertProject(scope, projectId);
  return pageOf(rows, query.limit, (row) => row);
}

export async function deleteWebhookEndpoint(scope: AppScope, projectId: string, endpointId: string): Promise<void> {
  await transaction(async (tx) => {
    const row = await tx.webhookEndpoint.findFirst({ where: { id: endpointId, projectId, appId: scope.appId } });
    if (!row) throw notFound("Webhook endpoint");
    await tx.webhookEndpoint.delete({ where: { id: row.id } });
    await recordAudit(tx, scope, {
      action: "project.webhook_endpoint_deleted",
      target: { type: "project", id: projectId },
      metadata: { endpoint_id: row.id, url: row.url },
    });
  });
}

/** A key's lifecycle event, as the project's endpoints receive it. `data` never holds a secret. */
export type KeyEvent = {
  appId: string;
  projectId: string;
  keyId: string;
  type: EndpointEventType;
  now: Date;
  data: Record<string, unknown>;
};

/** A project's endpoints, as the fan-out reads them; loaded once for a change of many keys (bulk revoke). */
export type ProjectEndpoints = { id: string; url: string; events: string }[];

export function loadEndpoints(tx: Tx, appId: string, projectId: string): Promise<ProjectEndpoints> {
  return tx.webhookEndpoint.findMany({ where: { projectId, appId }, select: { id: true, url: true, events: true }, take: MAX_ENDPOINTS });
}

/**
 * Inside the transaction of the change: one outbox message per endpoint of the project that
 * subscribes to the event. Returns the message ids.
 */
export async function emitKeyEvent(tx: Tx, event: KeyEvent, endpoints?: ProjectEndpoints): Promise<string[]> {
  const ids: string[] = [];
  for (const endpoint of endpoints ?? (await loadEndpoints(tx, event.appId, event.projectId))) {
    if (!parseEvents(endpoint.events).includes(event.type)) continue;
    ids.push(await enqueueWebhook(tx, { ...event, url: endpoint.url, endpointId: endpoint.id }));
  }
  return ids;
}

/** What every key event says about its key. */
export function keyEventData(key: {
  id: string;
  projectId: string;
  environmentId: string;
  name: string;
  keyPrefix: string;
  ownerId?: string | null;
}) {
  return {
    project_id: key.projectId,
    environment_id: key.environmentId,
    key_id: key.id,
    name: key.name,
    key_prefix: key.keyPrefix,
    owner_id: key.ownerId ?? null,
  };
}
