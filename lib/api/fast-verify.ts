import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { verifyApiKeySchema } from "../keys/schemas";
import { verifyApiKey } from "../keys/verify";
import type { AppScope } from "../auth/scope";
import { type MaybePromise, whenReady } from "../maybe-async";
import { decodeUtf8, MAX_BODY_BYTES, parseJsonText, tooLarge } from "./body";
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
  request.on("end", () => {
    // Refused, not replaced with U+FFFD, when the bytes are not UTF-8 (as in lib/api/body.ts).
    let text: string;
    try {
      text = decodeUtf8(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    } catch (failure) {
      return finish(failure);
    }
    finish(null, text);
  });
  request.on("error", (error) => finish(error));
}

function fail(request: IncomingMessage, response: ServerResponse, error: unknown): void {
  if (response.headersSent) return;
  const { status, body, headers } = errorPayload(error);
  // Drain what the client still sends (a refused large body) before answering.
  request.resume();
  send(response, status, body, headers);
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
      const verdict = whenReady(scope, (caller) => {
        if (error) throw error;
        return verifyApiKey(caller, parseJsonText(text!, headers.get("content-type"), verifyApiKeySchema));
      });
      if (verdict instanceof Promise) verdict.then((result) => send(response, 200, result), (failure: unknown) => fail(request, response, failure));
      else send(response, 200, verdict);
    } catch (failure) {
      fail(request, response, failure);
    }
  });
}
