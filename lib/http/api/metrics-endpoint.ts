import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "../../core/env";
import type { KeyCache } from "../../platform/cache/key-cache";
import { db } from "../../platform/db";
import { gaugeOf, type MetricsJson, metricsText } from "../../platform/metrics";
import { isRequestFor } from "./fast-verify";
import { ApiError, NO_STORE } from "./errors";
import { sendError } from "./health";

// GET /metrics, the Prometheus text format, answered by the front thread for both threads. Off
// (404, as any unknown path) unless LATCHKEY_METRICS_TOKEN is set; then the scrape must send it
// as `Authorization: Bearer <token>` (compared in constant time), else 401.

export const METRICS_PATH = "/metrics";

export function isMetricsRequest(request: IncomingMessage): boolean {
  return isRequestFor(request, METRICS_PATH);
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Whether the request carries the metrics token. */
export function mayScrape(authorization: string | undefined, token: string): boolean {
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  return sent !== undefined && timingSafeEqual(digest(sent), digest(token));
}

export async function serveMetrics(mainMetrics: () => Promise<MetricsJson>, request: IncomingMessage, response: ServerResponse) {
  request.resume();
  const token = env().LATCHKEY_METRICS_TOKEN;
  const refuse = (error: ApiError) => sendError(request, response, error);
  if (!token) return refuse(new ApiError("not_found", "No such endpoint. /metrics is on when LATCHKEY_METRICS_TOKEN is set."));
  if (request.method !== "GET")
    return refuse(
      new ApiError("method_not_allowed", `${request.method} is not allowed on this path. Allowed: GET.`, undefined, { Allow: "GET" }),
    );
  if (!mayScrape(request.headers.authorization, token))
    return refuse(
      new ApiError("unauthorized", "Send the metrics token as Authorization: Bearer <token>.", undefined, {
        "WWW-Authenticate": 'Bearer realm="metrics"',
      }),
    );
  const main = await mainMetrics().catch(() => []);
  const { text, contentType } = await metricsText([main]);
  response.writeHead(200, { ...NO_STORE, "Content-Type": contentType, "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}

/** The verify thread's gauges: its cache and its change feed, read at each scrape. */
export function registerVerifyGauges(cache: KeyCache): void {
  const stats = () => cache.stats();
  gaugeOf("latchkey_verify_cache_hits", "Verifications answered from this instance's cache (since start).", () => stats().hits);
  gaugeOf("latchkey_verify_cache_misses", "Verifications that had to read the database (since start).", () => stats().misses);
  gaugeOf(
    "latchkey_verify_cache_entries",
    "Records in the verification cache now (keys and remembered misses).",
    () => stats().entries + stats().missEntries,
  );
  gaugeOf("latchkey_verify_cache_evictions", "Records evicted from the cache by changes (since start).", () => stats().evictions);
  gaugeOf("latchkey_change_feed_connected", "1 while the change feed is live and caught up, else 0.", () =>
    cache.feedState().feed === "live" ? 1 : 0,
  );
  gaugeOf("latchkey_change_feed_lag_seconds", "How long the change feed has been down (0 while it is live).", () => {
    const state = cache.feedState();
    return state.feed === "live" ? 0 : (Date.now() - state.at) / 1000;
  });
}

/** The main thread's gauges: the webhook outbox, read from the database at each scrape (two indexed reads). */
export function registerServerGauges(): void {
  gaugeOf("latchkey_webhook_outbox_depth", "Webhook messages waiting to be delivered.", () =>
    db().webhookMessage.count({ where: { status: "pending" } }),
  );
  gaugeOf(
    "latchkey_webhook_outbox_oldest_age_seconds",
    "Age of the oldest message waiting to be delivered (0 when none waits).",
    async () => {
      const oldest = await db().webhookMessage.findFirst({
        where: { status: "pending" },
        orderBy: { nextAttemptAt: "asc" },
        select: { createdAt: true },
      });
      return oldest ? (Date.now() - oldest.createdAt.getTime()) / 1000 : 0;
    },
  );
}
