import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { ApiError, errorPayload } from "./errors";

// Requests that Next would answer with a 500 of its own, refused by the front thread (cli/front.ts)
// before they reach it, in the REST error shape: a method Next has no handler for (TRACE,
// CONNECT, PROPFIND…), a path whose percent-encoding is not UTF-8, and a server action posted
// from another origin (Next refuses it, but with a 500).

/** The methods a Next route handler or page can answer; any other gets 405 here. */
export const SERVED_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
const SERVED = new Set<string>(SERVED_METHODS);
const ALLOW = SERVED_METHODS.join(", ");

function pathOf(url: string): string {
  const query = url.search(/[?#]/);
  const path = query === -1 ? url : url.slice(0, query);
  // An absolute-form target (GET http://host/path) names its path after the authority.
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "") || "/" : path;
}

function isUtf8PercentEncoded(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export function methodNotAllowed(method: string | undefined, allow: string = ALLOW): ApiError {
  const which = method && /^[A-Za-z]{1,20}$/.test(method) ? `The ${method} method is` : "This method is";
  return new ApiError("method_not_allowed", `${which} not allowed here. Allowed: ${allow}.`, undefined, { Allow: allow });
}

/** The origin's host (`example.com:443`), or null when the header is not an origin. */
function originHost(origin: string): string | null {
  if (origin === "null") return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * A server action (a POST to a console page that names an action) must come from this host,
 * as Next checks it: the Origin's host against X-Forwarded-Host, else Host. Without an Origin,
 * Next lets it through (no browser leaves it out), and so does this.
 */
function isCrossOriginAction(request: IncomingMessage, path: string): boolean {
  if (request.method !== "POST" || path.startsWith("/v1/") || path.startsWith("/api/")) return false;
  const contentType = request.headers["content-type"] ?? "";
  if (request.headers["next-action"] === undefined && !contentType.toLowerCase().startsWith("multipart/form-data")) return false;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  const forwarded = request.headers["x-forwarded-host"];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(",")[0]?.trim()) || request.headers.host;
  return !host || originHost(origin) !== host;
}

/** Why this request is refused before Next sees it, or null when Next may have it. */
export function refusal(request: IncomingMessage): ApiError | null {
  if (!request.method || !SERVED.has(request.method)) return methodNotAllowed(request.method);
  const path = pathOf(request.url ?? "/");
  if (!isUtf8PercentEncoded(path))
    return new ApiError("invalid_request", "The request path is not valid percent-encoded UTF-8.", [
      { field: "path", message: "is not valid percent-encoded UTF-8" },
    ]);
  if (isCrossOriginAction(request, path)) return new ApiError("forbidden", "A server action must come from this site's own origin.");
  return null;
}

function serialize(error: ApiError): { status: number; headers: Record<string, string>; json: string } {
  const { status, body, headers } = errorPayload(error);
  return { status, headers: { ...headers, Connection: "close" }, json: JSON.stringify(body) };
}

/** Answers a refused request in the error shape, and drops whatever body it still sends. */
export function sendRefusal(request: IncomingMessage, response: ServerResponse, error: ApiError): void {
  const { status, headers, json } = serialize(error);
  request.resume();
  response.writeHead(status, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json) });
  response.end(json);
}

/** Writes the refusal on a bare socket, for the requests that never become a request object. */
function endSocket(socket: Socket, error: ApiError): void {
  const { status, headers, json } = serialize(error);
  const lines = Object.entries({ ...headers, "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(json)) }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  socket.end(`HTTP/1.1 ${status} ${status === 405 ? "Method Not Allowed" : "Bad Request"}\r\n${lines.join("\r\n")}\r\n\r\n${json}`);
}

/** CONNECT never reaches a request handler (node:http hands over the socket): answered 405 on the socket itself. */
export function refuseConnect(socket: Socket): void {
  endSocket(socket, methodNotAllowed("CONNECT"));
}

const NODE_ANSWERS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: "431 Request Header Fields Too Large",
  HPE_CHUNK_EXTENSIONS_OVERFLOW: "413 Payload Too Large",
  ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout",
};

/**
 * A request node:http could not parse. A method token it does not know (FOO) answers 405 in the
 * error shape; anything else gets what node:http answers without a clientError listener.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (socket.writable && socket.bytesWritten === 0) {
    if (error.code === "HPE_INVALID_METHOD") return endSocket(socket, methodNotAllowed(undefined));
    socket.write(`HTTP/1.1 ${NODE_ANSWERS[error.code ?? ""] ?? "400 Bad Request"}\r\nConnection: close\r\n\r\n`);
  }
  socket.destroy(error);
}
