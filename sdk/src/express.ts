import { type AdapterOptions, bearerKey, check } from "./adapter";
import type { VerifyResult } from "./index";

// For Express and Connect:
//
//   app.use("/api", latchkey({ scopes: ["read"] }));
//   app.get("/api/things", (req, res) => res.json({ key: req.latchkey.key_id }));

type Request = {
  headers: Record<string, string | string[] | undefined>;
  /** Express's client address (it follows the app's "trust proxy" setting); Connect's socket otherwise. */
  ip?: string;
  socket?: { remoteAddress?: string };
  latchkey?: VerifyResult;
};
type Response = { statusCode: number; setHeader(name: string, value: string): unknown; end(body?: string): unknown };
type Next = (error?: unknown) => void;

export type ExpressOptions = AdapterOptions & {
  getKey?: (request: Request) => string | null | undefined;
  /** The client's address, for keys with an IP allow-list; by default req.ip, else the socket's peer. */
  getIp?: (request: Request) => string | undefined;
};

export function latchkey(options: ExpressOptions = {}) {
  return (request: Request, response: Response, next: Next): void => {
    const headers = { get: (name: string) => [request.headers[name.toLowerCase()]].flat()[0] ?? null };
    const client = {
      ip: options.getIp ? options.getIp(request) : (request.ip ?? request.socket?.remoteAddress),
      userAgent: headers.get("user-agent") ?? undefined,
    };
    check(options.getKey ? options.getKey(request) : bearerKey(headers), options, client).then(
      (checked) => {
        if (checked.ok) {
          request.latchkey = checked.result;
          return next();
        }
        response.statusCode = checked.status;
        for (const [name, value] of Object.entries({ ...checked.headers, "Content-Type": "application/json" }))
          response.setHeader(name, value);
        response.end(JSON.stringify(checked.body));
      },
      (error: unknown) => next(error),
    );
  };
}

export type { VerifyResult };
