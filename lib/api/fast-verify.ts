import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type VerifyApiKeyInput, type VerifyResult, verifyApiKeySchema } from "../keys/schemas";
import { refusal, verifyApiKey } from "../keys/verify";
import { parseKey } from "../keys/secret";
import { isDatabaseUnavailable } from "../db/availability";
import { REQUEST_ID_HEADER, requestIdFrom } from "../net/request-id";
import type { AppScope } from "../auth/scope";
import { type MaybePromise, whenReady } from "../maybe-async";
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

/** Calls `done` once, with the body as text or the first error, read with plain events (no promise on this path). */
function readBody(request: IncomingMessage, done: (error: unknown, text?: string) => void): void {
  if (Number(request.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return done(tooLarge());
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const finish = (error: unknown, text?: string) => {
    if (settled) return;
    settled = true;
    done(error, text);
  };
  request.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    else finish(tooLarge());
  });
  request.on("end", () => finish(null, chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")));
  request.on("error", (error) => finish(error));
}

function fail(request: IncomingMessage, response: ServerResponse, error: unknown): void {
  if (response.headersSent) return;
  const { status, body, headers } = errorPayload(error, requestIdFrom(request.headers[REQUEST_ID_HEADER]));
  // Drain what the client still sends (a refused large body) before answering.
  request.resume();
  send(response, status, body, headers);
}

/**
 * The MALFORMED verdict for a body whose key fails its shape or checksum, else null: the one
 * answer that needs neither the database nor the caller's identity (nothing is counted, since
 * the caller is not known). Used while the database cannot be reached.
 */
export function malformedVerdict(text: string, contentType: string | null): VerifyResult | null {
  let input: VerifyApiKeyInput;
  try {
    input = parseJsonText(text, contentType, verifyApiKeySchema);
  } catch {
    return null;
  }
  if (parseKey(input.key)) return null;
  return refusal("MALFORMED");
}

/**
 * Answers one verification. With the app key and the project key both cached, which is the
 * common case, the whole request runs without creating a promise (lib/maybe-async.ts).
 */
export function serveVerify(request: IncomingMessage, response: ServerResponse): void {
  const headers = nodeHeaders(request);
  // The key is checked while the body arrives; its errors come before the body's, as in the route handler.
  let scope: MaybePromise<AppScope>;
  try {
    scope = authorizeAppKey(headers, "keys:verify");
  } catch (failure) {
    return fail(request, response, failure);
  }
  if (scope instanceof Promise) scope.catch(() => undefined); // handled below, once the body is in
  readBody(request, (error, text) => {
    try {
      const answer = (caller: AppScope) => {
        if (error) throw error;
        return verifyApiKey(caller, parseJsonText(text!, headers.get("content-type"), verifyApiKeySchema));
      };
      // While the database cannot be reached, an uncached caller cannot be authenticated (503),
      // but a key that is not a Latchkey key is MALFORMED whatever the database says.
      const despiteOutage = (failure: unknown) => {
        const malformed = !error && isDatabaseUnavailable(failure) ? malformedVerdict(text!, headers.get("content-type")) : null;
        if (malformed) return malformed;
        throw failure;
      };
      const verdict = scope instanceof Promise ? scope.then(answer, despiteOutage) : answer(scope);
      if (verdict instanceof Promise) verdict.then((result) => send(response, 200, result), (failure: unknown) => fail(request, response, failure));
      else send(response, 200, verdict);
    } catch (failure) {
      fail(request, response, failure);
    }
  });
}
