import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

// A webhook receiver for tests, on loopback. It checks every message with the standardwebhooks
// package (the reference implementation) under the secrets it is told, and records it.

export type Received = {
  id: string;
  path: string;
  type: string;
  data: Record<string, unknown>;
  body: string;
  /** Which of the secrets verified the signature, or -1 for none. */
  verifiedBy: number;
  headers: IncomingHttpHeaders;
};

export type Behaviour = "ok" | "fail" | "hang";

/**
 * With `tls`, the receiver speaks https (a production server sends to nothing else); the
 * server that sends to it must trust the certificate (NODE_EXTRA_CA_CERTS).
 */
export async function startReceiver(options: { tls?: { key: string | Buffer; cert: string | Buffer } } = {}) {
  const secrets: string[] = [];
  const received: Received[] = [];
  const behaviour = new Map<string, Behaviour>();
  const delays = new Map<string, number>();
  const waiting: (() => void)[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const verifiedBy = secrets.findIndex((secret) => {
        try {
          new Webhook(secret).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      const parsed = JSON.parse(body) as { type: string; data: Record<string, unknown> };
      const path = req.url ?? "/";
      received.push({
        id: String(req.headers["webhook-id"]),
        path,
        type: parsed.type,
        data: parsed.data,
        body,
        verifiedBy,
        headers: req.headers,
      });
      waiting.splice(0).forEach((wake) => wake());
      const mode = behaviour.get(path) ?? "ok";
      if (mode === "hang") return;
      const answer = () => {
        if (mode === "fail") return void res.writeHead(503, { "content-type": "text/plain" }).end("receiver is down for maintenance");
        // A receiver that refuses an unverified message, as it should.
        res.writeHead(verifiedBy >= 0 ? 200 : 401).end(verifiedBy >= 0 ? "ok" : "bad signature");
      };
      const delay = delays.get(path);
      if (delay) setTimeout(answer, delay);
      else answer();
    });
  };
  const server = options.tls ? createTlsServer(options.tls, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `${options.tls ? "https" : "http"}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path: string) => `${base}${path}`,
    secrets,
    received,
    on: (path: string) => received.filter((r) => r.path === path),
    behave: (path: string, mode: Behaviour) => behaviour.set(path, mode),
    /** A slow receiver: it answers `ms` after it has read the whole message. */
    delay: (path: string, ms: number) => delays.set(path, ms),
    /** Resolves once a message arrives at `path`. */
    async next(path: string): Promise<Received> {
      const already = received.length;
      for (;;) {
        const found = received.slice(already).find((r) => r.path === path);
        if (found) return found;
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
    },
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
