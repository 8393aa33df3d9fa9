import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppScope } from "../../core/scope";
import type { LoggedChange } from "../../platform/cache/change-log";
import type { HeaderSource } from "../net/client-ip";
import { ApiError } from "./errors";
import { isRequestFor, nodeHeaders } from "./fast-verify";
import { errorAnswer, type Verifier } from "./verifier";

// GET /v1/api-keys/changes: Server-Sent Events of every change to the caller's app's project
// keys and app keys, from the durable change log (lib/platform/cache/change-log.ts), for SDK
// caches that must forget a revoked key within a second. The front thread serves it
// (cli/front.ts), without Next.
//
//   id: 42                                          one event per change, in commit order
//   data: {"key_id":"key_…","change":"revoked"}     never a secret or a hash
//
//   event: heartbeat                                at least every 250 ms while the change feed is
//   data: {"seq":42}                                live, so that silence means "do not trust me"
//
//   event: reset                                    the log no longer reaches back to Last-Event-ID,
//   data: {"seq":42}                                or every key changed: empty the cache
//
// A client that reconnects with Last-Event-ID (or ?last_event_id=) gets every change it missed.

export const CHANGES_PATH = "/v1/api-keys/changes";
export const HEARTBEAT_MS = 200;
/** How often a stream asks the log for changes when it has heard of none (a safety net; a notice asks at once). */
const POLL_MS = 1_000;
const BATCH = 500;

export type ChangePage = { changes: LoggedChange[]; oldest: number | null; newest: number | null };

export type ChangeStreamDeps = {
  verifier: Verifier;
  /** The app's changes after `after`, at most `limit`, and the whole log's bounds. */
  changes(appId: string, after: number, limit: number): Promise<ChangePage>;
  /** Subscribes to "something changed" notices; returns the unsubscribe. */
  onChanged(listener: () => void): () => void;
  /** Whether this instance's change feed is live: heartbeats say so, and stop when it is not. */
  feedLive(): boolean;
};

/** Whether the request is for the change stream's path, whatever its method. */
export function isChangeStreamRequest(request: IncomingMessage): boolean {
  return isRequestFor(request, CHANGES_PATH);
}

const ALLOW = "GET, HEAD, OPTIONS";
const ROUTE_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);

/** The path's other methods: 405 in the error shape with Allow, as every /v1 path answers them. Null for GET. */
function notAllowed(request: IncomingMessage, headers: HeaderSource): ReturnType<typeof errorAnswer> | null {
  if (request.method === "GET" || !ROUTE_METHODS.has(request.method ?? "")) return null;
  if (request.method === "HEAD")
    return { status: 200, headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store" }, body: "" };
  const refused = new ApiError("method_not_allowed", `${request.method} is not allowed on this path. Allowed: ${ALLOW}.`, undefined, {
    Allow: ALLOW,
  });
  return errorAnswer(headers, refused);
}

/** Whether the front thread answers this request as the change stream (TRACE and the like are refused elsewhere). */
export function servesChangeStream(request: IncomingMessage): boolean {
  return isChangeStreamRequest(request) && ROUTE_METHODS.has(request.method ?? "");
}

/** The position a client resumes from: Last-Event-ID, else ?last_event_id=, else none (start from now). */
export function resumeFrom(request: IncomingMessage): number | null | "invalid" {
  const header = request.headers["last-event-id"];
  const fromQuery = new URL(request.url ?? "/", "http://localhost").searchParams.get("last_event_id");
  const raw = (Array.isArray(header) ? header[0] : header) ?? fromQuery;
  if (raw === undefined || raw === null || raw === "") return null;
  if (!/^\d{1,15}$/.test(raw)) return "invalid";
  return Number(raw);
}

/** One event of a logged change: a key's, or, for a change to every key ("all"), a reset. */
export function changeEvent(change: LoggedChange): string {
  if (change.kind === "all")
    return `id: ${change.seq}\nevent: reset\ndata: ${JSON.stringify({ seq: change.seq, change: change.change })}\n\n`;
  return `id: ${change.seq}\ndata: ${JSON.stringify({ key_id: change.keyId, change: change.change })}\n\n`;
}

function reply(response: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  response.writeHead(status, { ...headers, "Content-Length": Buffer.byteLength(body) });
  response.end(body);
}

/** Serves one change stream until the client goes away or the server stops (`stopping`). */
export async function serveChanges(deps: ChangeStreamDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const headers = nodeHeaders(request);
  const other = notAllowed(request, headers);
  if (other) return reply(response, other.status, other.headers, other.body);
  let scope: AppScope;
  try {
    // Either role may listen: a verifier key's service is the one whose cache must forget.
    scope = await deps.verifier.authorize(headers, "keys:verify");
  } catch (failure) {
    const answer = errorAnswer(headers, failure);
    return reply(response, answer.status, answer.headers, answer.body);
  }
  const resume = resumeFrom(request);
  if (resume === "invalid") {
    const answer = errorAnswer(headers, new ApiError("invalid_request", "Last-Event-ID must be the id of an event this stream sent."));
    return reply(response, answer.status, answer.headers, answer.body);
  }

  let first: ChangePage;
  try {
    first = await deps.changes(scope.appId, Number.MAX_SAFE_INTEGER, 0);
  } catch (failure) {
    const answer = errorAnswer(headers, failure);
    return reply(response, answer.status, answer.headers, answer.body);
  }
  response.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Accel-Buffering": "no",
    "X-Content-Type-Options": "nosniff",
  });
  response.flushHeaders();

  // Where this stream stands: the last sequence number it has told the client about.
  let cursor: number;
  if (resume === null) cursor = first.newest ?? 0;
  else if (first.oldest === null ? resume > 0 : resume < first.oldest - 1) {
    // Changes after `resume` were pruned: the client cannot know what it missed.
    cursor = first.newest ?? 0;
    response.write(`id: ${cursor}\nevent: reset\ndata: ${JSON.stringify({ seq: cursor, change: "log_pruned" })}\n\n`);
  } else cursor = resume;

  let closed = false;
  let reading = false;
  let again = false;
  let lastRead = Date.now();
  const read = async () => {
    if (closed) return;
    if (reading) return void (again = true);
    reading = true;
    try {
      for (;;) {
        again = false;
        const page = await deps.changes(scope.appId, cursor, BATCH);
        lastRead = Date.now();
        for (const change of page.changes) {
          if (closed) return;
          response.write(changeEvent(change));
          cursor = change.seq;
        }
        if (page.changes.length < BATCH && !again) break;
      }
    } catch {
      // The database is out of reach: heartbeats stop (below) until a read succeeds again.
    } finally {
      reading = false;
    }
  };
  const unsubscribe = deps.onChanged(() => void read());
  const poll = setInterval(() => void read(), POLL_MS);
  const heartbeat = setInterval(() => {
    // Only while this stream can know of every change: its feed is live and its last read is recent.
    if (closed || !deps.feedLive() || Date.now() - lastRead > POLL_MS * 2) return;
    response.write(`event: heartbeat\ndata: {"seq":${cursor}}\n\n`);
  }, HEARTBEAT_MS);
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(poll);
    clearInterval(heartbeat);
    response.end();
  };
  request.once("close", close);
  response.once("close", close);
  await read();
}
