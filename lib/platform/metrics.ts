import { AggregatorRegistry, Counter, Gauge, Histogram, Registry } from "prom-client";

/** A registry's metrics as getMetricsAsJSON gives them: plain data that crosses threads. */
export type MetricsJson = object[];
import { processSingleton } from "../core/registry";

// Prometheus metrics (GET /metrics, lib/http/api/metrics-endpoint.ts). Each thread keeps its own
// registry: the front thread the verify path's metrics, the main thread everything else (management
// requests, the database, the outbox, the scheduler); a scrape of the front thread asks the main
// thread for its text and answers both, so no metric name is in both registries. Counting is an
// increment on a labelled child, kept cheap on the verify path.

export const registry = processSingleton("metrics-registry", () => new Registry());

function once<T>(name: string, make: () => T): T {
  return processSingleton(`metric:${name}`, make);
}

/** The verify path's metrics (the thread that answers verifications). */
export const verifyMetrics = {
  verifications: once(
    "verifications",
    () =>
      new Counter({
        name: "latchkey_verifications_total",
        help: "Verifications answered, by verdict code (VALID, REVOKED, DISABLED, ...).",
        labelNames: ["code"] as const,
        registers: [registry],
      }),
  ),
  latency: once(
    "verify-latency",
    () =>
      new Histogram({
        name: "latchkey_verify_duration_seconds",
        help: "Time from a verify request's arrival to its answer.",
        buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
        registers: [registry],
      }),
  ),
};

/** The main thread's metrics. */
export const serverMetrics = {
  managementRequests: once(
    "management-requests",
    () =>
      new Counter({
        name: "latchkey_management_requests_total",
        help: "/v1 management requests, by route template and status.",
        labelNames: ["route", "method", "status"] as const,
        registers: [registry],
      }),
  ),
  managementLatency: once(
    "management-latency",
    () =>
      new Histogram({
        name: "latchkey_management_request_duration_seconds",
        help: "Time to answer a /v1 management request, by route template.",
        labelNames: ["route", "method"] as const,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [registry],
      }),
  ),
  databaseErrors: once(
    "database-errors",
    () =>
      new Counter({
        name: "latchkey_database_errors_total",
        help: "Requests that failed because the database could not be reached.",
        registers: [registry],
      }),
  ),
  deliveryAttempts: once(
    "delivery-attempts",
    () =>
      new Counter({
        name: "latchkey_webhook_delivery_attempts_total",
        help: "Webhook delivery attempts, by outcome (succeeded, retrying, failed).",
        labelNames: ["outcome"] as const,
        registers: [registry],
      }),
  ),
  schedulerPass: once(
    "scheduler-pass",
    () =>
      new Histogram({
        name: "latchkey_scheduler_pass_duration_seconds",
        help: "Duration of a scheduler pass.",
        buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
        registers: [registry],
      }),
  ),
  keysRotated: once(
    "keys-rotated",
    () => new Counter({ name: "latchkey_keys_rotated_total", help: "Keys the scheduler rotated.", registers: [registry] }),
  ),
  usageFlushed: once(
    "usage-flushed",
    () =>
      new Gauge({
        name: "latchkey_usage_last_flush_timestamp_seconds",
        help: "When the usage buffer (last_used_at and verification counts) was last written; time() minus this is the flush lag.",
        registers: [registry],
      }),
  ),
  feedReconnects: once(
    "feed-reconnects",
    () =>
      new Counter({
        name: "latchkey_change_feed_reconnects_total",
        help: "Times the change feed reconnected after it was lost.",
        registers: [registry],
      }),
  ),
};

/** A gauge whose value is read at each scrape. */
export function gaugeOf(name: string, help: string, read: () => number | Promise<number>): Gauge {
  return once(
    name,
    () =>
      new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          this.set(await read());
        },
      }),
  );
}

/** This thread's metrics as JSON, to cross to the thread that answers the scrape. */
export async function metricsJson(): Promise<MetricsJson> {
  return registry.getMetricsAsJSON();
}

/** Both threads' metrics in the Prometheus text format: families of the same name add up. */
export async function metricsText(others: MetricsJson[]): Promise<{ text: string; contentType: string }> {
  // aggregate() takes one array per registry and adds up the families of the same name.
  const merged = AggregatorRegistry.aggregate([await metricsJson(), ...others]);
  return { text: await merged.metrics(), contentType: merged.contentType };
}
