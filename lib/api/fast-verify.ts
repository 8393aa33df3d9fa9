import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { verifyApiKeySchema } from "../keys/schemas";
import { verifyApiKey } from "../keys/verify";
import { MAX_BODY_BYTES, parseJsonText, tooLarge } from "./body";
import { errorPayload, NO_STORE } from "./errors";
import { authorizeAppKey, type HeaderSource } from "./with-app-key";

// POST /v1/api-keys/verify on plain node:http. A Next route handler spends about a millisecond
// of CPU per request in the framework alone, so the custom server (cli/serve.ts) answers this
// one path itself. It runs the same authorization, parsing and verification as the route
// handler in app/v1/api-keys/verify, and answers byte for byte the same.

export const FAST_VERIFY_PATH = "/v1/api-keys/verify";

function nodeHeaders(request: IncomingMessage): HeaderSource {
  return {
    get(name) {
      const value = request.headers[name.toLowerCase()];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    },
  };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = NO_STORE): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json) });
  response.end(json);
}

export function isFastVerifyRequest(request: IncomingMessage): boolean {
  if (request.method !== "POST" || !request.url) return false;
  const query = request.url.indexOf("?");
  return (query === -1 ? request.url : request.url.slice(0, query)) === FAST_VERIFY_PATH;
}

/** The body as text, read with plain events (cheaper than an async iterator on this path). */
function readBody(request: IncomingMessage): Promise<string> {
  if (Number(request.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(tooLarge());
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

export async function serveVerify(request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const headers = nodeHeaders(request);
    const [scope, text] = await Promise.all([authorizeAppKey(headers, "keys:verify"), readBody(request)]);
    const input = parseJsonText(text, headers.get("content-type"), verifyApiKeySchema);
    send(response, 200, await verifyApiKey(scope, input));
  } catch (error) {
    const { status, body, headers } = errorPayload(error);
    // Drain what the client still sends (a refused large body) before answering.
    request.resume();
    send(response, status, body, headers);
  }
}
