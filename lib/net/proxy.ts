import { Agent, type IncomingMessage, request as forward, type ServerResponse } from "node:http";

// Passes a request on to a server on a Unix socket and streams its answer back: the front
// thread's way to Next (lib/front/protocol.ts). Headers go through as they came, repeated ones
// (Set-Cookie) included, except those that describe one connection rather than the message.

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

/** Raw headers (name, value, name, value…) without the hop-by-hop ones and any named in `replaced` (lower case). */
function endToEnd(rawHeaders: string[], replaced: Record<string, string> = {}): string[] {
  const kept: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(name) && !Object.hasOwn(replaced, name)) kept.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  return kept;
}

/** Forwards one request; `set` adds headers (lower-case names), replacing any the client sent under those names. */
export type Proxy = (request: IncomingMessage, response: ServerResponse, set: Record<string, string>) => void;

export function proxyTo(socketPath: string): Proxy {
  const agent = new Agent({ keepAlive: true });
  return (request, response, set) => {
    const headers = endToEnd(request.rawHeaders, set);
    for (const [name, value] of Object.entries(set)) headers.push(name, value);
    const upstream = forward({ socketPath, agent, method: request.method, path: request.url, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.rawHeaders));
      answer.pipe(response);
      answer.on("error", () => response.destroy());
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
