import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { checkWebhookUrl, guardedLookup, targetPolicy, type WebhookTargetPolicy } from "./url-guard";

// One HTTP attempt at a webhook. The target is checked (lib/domain/webhooks/url-guard.ts) before and
// during the connection, redirects are not followed (a 3xx is a failure, so a receiver cannot
// bounce the request to an internal address), the whole attempt has a deadline, and at most a
// few kilobytes of the response are read.

export const DELIVERY_TIMEOUT_MS = 10_000;
export const RESPONSE_READ_BYTES = 4096;
export const RESPONSE_EXCERPT_CHARS = 1000;

export type SendOptions = { timeoutMs?: number; policy?: WebhookTargetPolicy };

export type SendResult = {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** The start of the response body, cut at RESPONSE_EXCERPT_CHARS. */
  excerpt: string | null;
  error: string | null;
  /** The target itself was refused (not allowed, or resolves to a refused address): trying again cannot help. */
  permanent?: boolean;
};

function excerptOf(bytes: Buffer, truncated: boolean): string | null {
  if (bytes.length === 0) return null;
  const text = bytes.toString("utf8");
  return text.length > RESPONSE_EXCERPT_CHARS || truncated ? `${text.slice(0, RESPONSE_EXCERPT_CHARS)}…` : text;
}

export async function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: SendOptions = {},
): Promise<SendResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const policy = options.policy ?? targetPolicy();
  const verdict = checkWebhookUrl(url, policy);
  if (!verdict.ok)
    return { ok: false, statusCode: null, latencyMs: 0, excerpt: null, error: `refused target: ${verdict.reason}`, permanent: true };
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const request = verdict.url.protocol === "https:" ? httpsRequest : httpRequest;

  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...result, latencyMs: latency() });
    };
    const req = request(
      verdict.url,
      {
        method: "POST",
        lookup: guardedLookup(policy),
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "Latchkey-Webhooks/1",
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let read = 0;
        const done = (truncated: boolean) => {
          const statusCode = res.statusCode ?? null;
          const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
          finish({ ok, statusCode, excerpt: excerptOf(Buffer.concat(chunks), truncated), error: ok ? null : `HTTP ${statusCode}` });
          res.destroy();
        };
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk.subarray(0, RESPONSE_READ_BYTES - read));
          read += chunk.length;
          if (read >= RESPONSE_READ_BYTES) done(read > RESPONSE_READ_BYTES);
        });
        res.on("end", () => done(false));
        res.on("error", (error) => finish({ ok: false, statusCode: res.statusCode ?? null, excerpt: null, error: error.message }));
      },
    );
    const deadline = setTimeout(() => {
      finish({ ok: false, statusCode: null, excerpt: null, error: `timed out after ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => {
      const refused = error.code === "ERR_WEBHOOK_TARGET_REFUSED";
      const reason = refused ? `refused target: ${error.message}` : error.message || error.code || "connection failed";
      finish({ ok: false, statusCode: null, excerpt: null, error: reason, ...(refused ? { permanent: true } : {}) });
    });
    req.end(body);
  });
}
