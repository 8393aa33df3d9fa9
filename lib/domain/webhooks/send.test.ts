import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESPONSE_EXCERPT_CHARS, sendWebhook } from "./send";
import { parseAllowList } from "./url-guard";

const development = { production: false, allow: parseAllowList("") };
let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
const server = createServer((req, res) => handler(req, res));
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("sendWebhook", () => {
  it("posts the body with the given headers, and succeeds on 2xx", async () => {
    let seen: { body: string; signature?: string; type?: string } | undefined;
    handler = (req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen = { body, signature: req.headers["webhook-signature"] as string, type: req.headers["content-type"] };
        res.writeHead(204).end();
      });
    };
    const result = await sendWebhook(`${base}/hook`, { "webhook-signature": "v1,abc" }, '{"a":1}', { policy: development });
    expect(result).toMatchObject({ ok: true, statusCode: 204, error: null, excerpt: null });
    expect(seen).toEqual({ body: '{"a":1}', signature: "v1,abc", type: "application/json" });
  });

  it("fails on other statuses, does not follow redirects, and cuts a long response", async () => {
    handler = (_req, res) => res.writeHead(500).end("x".repeat(100_000));
    const failed = await sendWebhook(`${base}/hook`, {}, "{}", { policy: development });
    expect(failed).toMatchObject({ ok: false, statusCode: 500, error: "HTTP 500" });
    expect(failed.excerpt).toHaveLength(RESPONSE_EXCERPT_CHARS + 1);
    expect(failed.excerpt!.endsWith("…")).toBe(true);

    handler = (_req, res) => res.writeHead(302, { location: "http://169.254.169.254/" }).end();
    expect(await sendWebhook(`${base}/hook`, {}, "{}", { policy: development })).toMatchObject({ ok: false, statusCode: 302 });
  });

  it("gives up after the timeout", async () => {
    handler = () => undefined; // never answers
    const result = await sendWebhook(`${base}/slow`, {}, "{}", { policy: development, timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, statusCode: null, error: "timed out after 200 ms" });
    expect(result.latencyMs).toBeGreaterThanOrEqual(190);
  });

  it("refuses a target the policy forbids, without connecting", async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      res.end();
    };
    const production = { production: true, allow: parseAllowList("") };
    expect((await sendWebhook(`${base}/hook`, {}, "{}", { policy: production })).error).toMatch(/^refused target: .*https/);
    expect((await sendWebhook(`https://127.0.0.1:1/hook`, {}, "{}", { policy: production })).error).toMatch(/loopback/);
    expect(calls).toBe(0);
  });

  it("reports a closed port as a connection error", async () => {
    const result = await sendWebhook("http://127.0.0.1:1/hook", {}, "{}", { policy: development });
    expect(result).toMatchObject({ ok: false, statusCode: null });
    expect(result.error).toMatch(/ECONNREFUSED/);
  });
});
