import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DatabaseReadiness } from "../../platform/db/readiness";
import { isRequestFor } from "./fast-verify";
import { ApiError, errorPayload, NO_STORE } from "./errors";

// GET /healthz and GET /readyz, answered by the front thread without authentication, for a load
// balancer or an orchestrator:
// - /healthz: 200 while the process serves (the front thread answers, whatever else is down).
// - /readyz: 200 only when the database answers, every migration of this build is applied and the
//   change feed is live; else 503 naming the failing checks. Nothing secret is in either body.

export const HEALTH_PATHS = ["/healthz", "/readyz"] as const;

export type HealthDeps = { readiness: () => Promise<DatabaseReadiness>; feedLive: () => boolean };

export function isHealthRequest(request: IncomingMessage): boolean {
  return HEALTH_PATHS.some((path) => isRequestFor(request, path));
}

/** A JSON answer on node:http (the front thread's own paths); a HEAD gets the headers alone. */
export function sendJson(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: object,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...NO_STORE, ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  response.end(request.method === "HEAD" ? undefined : text);
}

/** Any failure in the REST error shape (lib/http/api/errors.ts), on node:http. */
export function sendError(request: IncomingMessage, response: ServerResponse, error: unknown) {
  const { status, body, headers } = errorPayload(error);
  sendJson(request, response, status, body, headers);
}

const READINESS_TIMEOUT_MS = 1_500;

export async function serveHealth(deps: HealthDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  request.resume();
  if (request.method !== "GET" && request.method !== "HEAD") {
    return sendError(
      request,
      response,
      new ApiError("method_not_allowed", `${request.method} is not allowed on this path. Allowed: GET, HEAD.`, undefined, {
        Allow: "GET, HEAD",
      }),
    );
  }
  if (isRequestFor(request, "/healthz")) return sendJson(request, response, 200, { status: "ok" });
  const database = await Promise.race([
    deps.readiness(),
    new Promise<DatabaseReadiness>((resolve) =>
      setTimeout(
        () => resolve({ database: "the main thread did not answer in time", migrations: "unknown" }),
        READINESS_TIMEOUT_MS,
      ).unref(),
    ),
  ]).catch(() => ({ database: "the readiness check failed", migrations: "unknown" }));
  const checks = { ...database, change_feed: deps.feedLive() ? "ok" : "the change feed is not connected: verifications read the database" };
  const failing = Object.entries(checks)
    .filter(([, result]) => result !== "ok")
    .map(([name]) => name);
  sendJson(request, response, failing.length === 0 ? 200 : 503, { status: failing.length === 0 ? "ready" : "not_ready", checks, failing });
}
