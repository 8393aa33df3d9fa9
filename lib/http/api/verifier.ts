import "server-only";
import { type AppKeyPermission, appKeyCan, authenticateAppKey } from "../../domain/app-keys/authenticate";
import type { AppScope, RequestMeta } from "../../core/scope";
import { KeyCache, type KeyCacheOptions } from "../../platform/cache/key-cache";
import { isDatabaseUnavailable } from "../../platform/db/availability";
import type { LookupBackend } from "../../platform/db/lookup";
import { notFound } from "../../core/errors";
import { VERIFY_CODES, type VerifyApiKeyInput, type VerifyResult, verifyApiKeySchema } from "../../domain/keys/schemas";
import { isLatchkeyFormat } from "../../core/crypto/key-secret";
import { UsageBuffer } from "../../domain/keys/usage-buffer";
import {
  dependsOnClient,
  type LimitBackend,
  malformedFor,
  refusal,
  type VerifyCaller,
  type VerifyContext,
  verifyApiKey,
} from "../../domain/keys/verify";
import { type MaybePromise, whenReady } from "../../core/maybe-async";
import { clientIp, type HeaderSource } from "../net/client-ip";
import { REQUEST_ID_HEADER, requestIdFrom } from "../net/request-id";
import { parseJsonText, readCappedText } from "./body";
import { ApiError, errorPayload, NO_STORE } from "./errors";
import { verifyMetrics } from "../../platform/metrics";

// The verify runtime: one object per process (per thread: the front thread builds its own),
// made with what it depends on, that owns the verification cache and the usage buffer.
//
// - `lookup`: runs a fixed query for a cache miss: this thread's database client, or the main
//   thread (the front thread holds no client).
// - `usageSink`: where the usage buffer goes once a second: the database, or the main thread.
// - `evictions`: applies, before every cache read, the evictions made on another thread.
//
// POST /v1/api-keys/verify is `handle`, whichever server runs it: the front thread (on plain
// node:http, lib/http/api/fast-verify.ts) and the Next route handler both call it, so they answer
// the same bytes (lib/http/api/verify-paths.test.ts).

export type VerifierDeps = {
  lookup: LookupBackend;
  /** Decides a key with rate limits or credits: this thread's store, or the main thread's (the front thread holds none). */
  limits: LimitBackend;
  usageSink: (usage: UsageBuffer) => Promise<void>;
  evictions?: () => void;
  /** The cache's options, for a cache made here (the front thread's, fed by `evictions`). */
  cache?: Omit<KeyCacheOptions, "catchUp">;
  /** Or the cache itself: the main thread's, shared with the change feed (lib/platform/cache/process-key-cache.ts). */
  keyCache?: KeyCache;
};

/** An HTTP answer as plain data, for either server. */
export type Answer = { status: number; headers: Record<string, string>; body: string };

export type Verifier = VerifyContext & {
  /** Resolves the bearer app key, checks the role's permission and scopes the call to its app. */
  authorize(headers: HeaderSource, permission: AppKeyPermission, pathAppId?: string): MaybePromise<AppScope & VerifyCaller>;
  verify(scope: VerifyCaller, input: VerifyApiKeyInput): MaybePromise<VerifyResult>;
  /**
   * Answers POST /v1/api-keys/verify for a body read as text (or the error reading it failed
   * with). `scope` is the caller's authorization when the server began it before the body
   * arrived, so that a bad key is refused before the body is read.
   */
  handle(
    headers: HeaderSource,
    body: { text: string } | { error: unknown },
    scope?: MaybePromise<AppScope & VerifyCaller>,
  ): MaybePromise<Answer>;
};

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function requestMeta(headers: HeaderSource): RequestMeta {
  return {
    ipAddress: clientIp(headers),
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}

function unauthorized(message: string): ApiError {
  return new ApiError("unauthorized", message, undefined, { "WWW-Authenticate": 'Bearer realm="latchkey"' });
}

function json(status: number, value: unknown, headers: Record<string, string> = NO_STORE): Answer {
  return { status, headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(value) };
}

/**
 * A verdict that depended on the request's `ip` (the key has an allow-list) says so, so that an
 * in-process cache (@latchkey/sdk) asks again for the next request rather than answer it.
 */
export const CLIENT_DEPENDENT_HEADER = "Latchkey-Cache";
const CLIENT_DEPENDENT = { ...NO_STORE, [CLIENT_DEPENDENT_HEADER]: "no-store" };
// One counter child per code, made once: the verify path increments, it never looks a label up.
const countByCode = Object.fromEntries(VERIFY_CODES.map((code) => [code, verifyMetrics.verifications.labels(code)])) as Record<
  VerifyResult["code"],
  { inc(): void }
>;
const verdictAnswer = (result: VerifyResult): Answer => {
  countByCode[result.code].inc();
  return json(200, result, dependsOnClient(result) ? CLIENT_DEPENDENT : NO_STORE);
};

/** Any failure as the REST error answer. */
export function errorAnswer(headers: HeaderSource, error: unknown): Answer {
  const { status, body, headers: extra } = errorPayload(error, requestIdFrom(headers.get(REQUEST_ID_HEADER)));
  return json(status, body, extra);
}

/**
 * The MALFORMED verdict for a body whose key cannot be a key, else null: the one answer that
 * needs no lookup (nothing is counted). Used while the database cannot be reached. A key in
 * Latchkey's format is judged by its checksum; any other string only when the caller is known
 * and its app holds no imported keys (an unknown caller's app might: that stays a 503).
 */
function malformedVerdict(text: string, contentType: string | null, caller: VerifyCaller | undefined): VerifyResult | null {
  let input: VerifyApiKeyInput;
  try {
    input = parseJsonText(text, contentType, verifyApiKeySchema);
  } catch {
    return null;
  }
  if (!isLatchkeyFormat(input.key) && !caller) return null;
  return malformedFor(caller ?? {}, input.key) ? refusal("MALFORMED") : null;
}

export function createVerifier(deps: VerifierDeps): Verifier {
  const ctx: VerifyContext = {
    cache: deps.keyCache ?? new KeyCache({ ...deps.cache, catchUp: deps.evictions }),
    lookup: deps.lookup,
    limits: deps.limits,
    usage: new UsageBuffer(deps.usageSink),
  };

  // Throws (synchronously, or by rejecting) an ApiError; a cached key answers without a promise.
  const authorize: Verifier["authorize"] = (headers, permission, pathAppId) => {
    const header = headers.get("authorization");
    if (!header) throw unauthorized("Send an app API key as Authorization: Bearer <key>.");
    const token = BEARER.exec(header)?.[1];
    return whenReady(token ? authenticateAppKey(ctx, token) : null, (principal) => {
      if (!principal) throw unauthorized("The API key is invalid or has been deleted.");
      if (!appKeyCan(principal.role, permission)) {
        throw new ApiError("forbidden", `This key's role (${principal.role}) does not allow this operation.`);
      }
      // A path app_id other than the key's own app answers 404, as a missing app would.
      if (pathAppId !== undefined && pathAppId !== principal.appId) throw notFound("App");
      return {
        teamId: principal.teamId,
        appId: principal.appId,
        actor: { type: "app_key", id: principal.keyId },
        importedKeys: principal.importedKeys,
        // Read when a change is audited; a verification, which changes nothing, never pays for it.
        get request() {
          return requestMeta(headers);
        },
      };
    });
  };

  const verify: Verifier["verify"] = (scope, input) => verifyApiKey(ctx, scope, input);

  const handle: Verifier["handle"] = (headers, body, began) => {
    const contentType = headers.get("content-type");
    let known: VerifyCaller | undefined;
    const answer = (caller: AppScope & VerifyCaller): MaybePromise<VerifyResult> => {
      known = caller;
      if ("error" in body) throw body.error;
      return verify(caller, parseJsonText(body.text, contentType, verifyApiKeySchema));
    };
    // While the database cannot be reached, an uncached caller cannot be authenticated (503),
    // but a key that cannot be a key is MALFORMED whatever the database says.
    const despiteOutage = (failure: unknown): VerifyResult => {
      const malformed = "text" in body && isDatabaseUnavailable(failure) ? malformedVerdict(body.text, contentType, known) : null;
      if (malformed) return malformed;
      throw failure;
    };
    const fail = (failure: unknown) => errorAnswer(headers, failure);
    try {
      const scope = began ?? authorize(headers, "keys:verify");
      const verdict = scope instanceof Promise ? scope.then(answer, despiteOutage) : answer(scope);
      return verdict instanceof Promise ? verdict.then(verdictAnswer, fail) : verdictAnswer(verdict);
    } catch (failure) {
      try {
        return json(200, despiteOutage(failure));
      } catch {
        return fail(failure);
      }
    }
  };

  return { ...ctx, authorize, verify, handle };
}

/**
 * POST /v1/api-keys/verify for a web Request (the Next route handler): the caller is authorized
 * before the body is read, as on the front thread, and the answer is the same `handle` gives.
 */
export async function handleRequest(verifier: Verifier, request: Request): Promise<Response> {
  let scope: MaybePromise<AppScope & VerifyCaller>;
  try {
    scope = verifier.authorize(request.headers, "keys:verify");
  } catch (failure) {
    scope = Promise.reject(failure);
  }
  if (scope instanceof Promise) scope.catch(() => undefined); // handled by handle()
  let body: { text: string } | { error: unknown };
  try {
    body = { text: await readCappedText(request.body as AsyncIterable<Uint8Array> | null, request.headers.get("content-length")) };
  } catch (error) {
    body = { error };
  }
  const answer = await verifier.handle(request.headers, body, scope);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
