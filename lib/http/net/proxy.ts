import { Agent, type IncomingMessage, request as forward, type ServerResponse } from "node:http";

// Passes a request on to a server on a Unix socket and streams its answer back: the front
// thread's way to Next (lib/http/front/protocol.ts). Headers go through as they came, repeated ones
// (Set-Cookie) included, except those that describe one connection rather than the message.

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"];

/** Raw headers (name, value, name, value…) without the hop-by-hop ones, those the Connection header names, and `replaced` (lower case). */
function endToEnd(rawHeaders: string[], connection: string | undefined, replaced: Record<string, string> = {}): string[] {
  const dropped = new Set([
    ...HOP_BY_HOP,
    ...(connection?.split(",").map((name) => name.trim().toLowerCase()) ?? []),
    ...Object.keys(replaced),
  ]);
  const kept: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (!dropped.has(rawHeaders[i]!.toLowerCase())) kept.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  return kept;
}

/** Forwards one request; `set` adds headers (lower-case names), replacing any the client sent under those names. */
export type Proxy = (request: IncomingMessage, response: ServerResponse, set: Record<string, string>) => void;

export function proxyTo(socketPath: string): Proxy {
  // Idle upstream connections are closed well before Next's own keep-alive timeout, so that a
  // request is never sent on a connection the other side is closing.
  const agent = new Agent({ keepAlive: true, timeout: 30_000 });
  return (request, response, set) => {
    const headers = endToEnd(request.rawHeaders, request.headers.connection, set);
    for (const [name, value] of Object.entries(set)) headers.push(name, value);
    // The body arrives de-chunked. Without Content-Length it must go on chunked: sent bare on a
    // kept-alive connection, it would read upstream as a request of its own (smuggled past the
    // headers set here).
    if (request.headers["transfer-encoding"] !== undefined) headers.push("Transfer-Encoding", "chunked");
    if (request.headers.host === undefined) headers.push("Host", "localhost"); // HTTP/1.0 may omit it; HTTP/1.1 upstream may not
    const upstream = forward({ socketPath, agent, method: request.method, path: request.url, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.rawHeaders, answer.headers.connection));
      answer.pipe(response);
      answer.on("error", () => response.destroy());
      answer.on("end", () => {
        if (request.complete) return;
        // Answered before the whole body was sent (413): the rest is read and dropped, as
        // node:http does, so that the client's connection can carry its next request.
        request.unpipe(upstream);
        upstream.destroy();
        request.resume();
      });
    });
    upstream.on("error", () => {
      if (response.headersSent) return void response.destroy();
      response.writeHead(502, { "Content-Type": "text/plain; charset=utf-8" }).end("Bad gateway\n");
    });
    // A client that goes away takes its upstream request with it.
    response.on("close", () => {
      if (!response.writableFinished) upstream.destroy();
    });
    request.pipe(upstream);
  };
}
