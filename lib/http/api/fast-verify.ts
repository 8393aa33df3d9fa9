import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppScope } from "../../core/scope";
import type { MaybePromise } from "../../core/maybe-async";
import type { HeaderSource } from "../net/client-ip";
import { decodeUtf8, MAX_BODY_BYTES, tooLarge } from "./body";
import { type Answer, errorAnswer, type Verifier } from "./verifier";
import { verifyMetrics } from "../../platform/metrics";

// POST /v1/api-keys/verify on plain node:http. A Next route handler spends about a millisecond
// of CPU per request in the framework alone, so the front thread (cli/front.ts) answers this
// one path itself. It reads the body and hands it to the verifier's `handle`, as the route
// handler in app/v1/api-keys/verify does, so the two answer byte for byte the same.

export const FAST_VERIFY_PATH = "/v1/api-keys/verify";

/** A node:http request's headers as the verifier reads them (the first of a repeated header). */
export function nodeHeaders(request: IncomingMessage): HeaderSource {
  return {
    get(name) {
      const value = request.headers[name.toLowerCase()];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    },
  };
}

/** Whether a node:http request is for `path`, whatever its query string. */
export function isRequestFor(request: IncomingMessage, path: string): boolean {
  if (!request.url) return false;
  const query = request.url.indexOf("?");
  return (query === -1 ? request.url : request.url.slice(0, query)) === path;
}

export function isFastVerifyRequest(request: IncomingMessage): boolean {
  return request.method === "POST" && isRequestFor(request, FAST_VERIFY_PATH);
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
    // Refused, not replaced with U+FFFD, when the bytes are not UTF-8 (as in lib/http/api/body.ts).
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

/**
 * Answers one verification with `verifier` (lib/http/api/verifier.ts). With the app key and the
 * project key both cached, which is the common case, the whole request runs without creating a
 * promise (lib/core/maybe-async.ts).
 */
export function serveVerify(verifier: Verifier, request: IncomingMessage, response: ServerResponse): void {
  const headers = nodeHeaders(request);
  const started = performance.now();
  const reply = (answer: Answer) => {
    if (response.headersSent) return;
    verifyMetrics.latency.observe((performance.now() - started) / 1000);
    // Drain what the client still sends (a refused large body) before answering.
    if (!request.complete) request.resume();
    response.writeHead(answer.status, { ...answer.headers, "Content-Length": Buffer.byteLength(answer.body) });
    response.end(answer.body);
  };
  // The key is checked while the body arrives; its errors come before the body's, as in the route handler.
  let scope: MaybePromise<AppScope>;
  try {
    scope = verifier.authorize(headers, "keys:verify");
  } catch (failure) {
    return reply(errorAnswer(headers, failure));
  }
  if (scope instanceof Promise) scope.catch(() => undefined); // handled by handle(), once the body is in
  readBody(request, (error, text) => {
    const answer = verifier.handle(headers, error ? { error } : { text: text! }, scope);
    if (answer instanceof Promise) void answer.then(reply);
    else reply(answer);
  });
}
