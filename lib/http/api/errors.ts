import { serverMetrics } from "../../platform/metrics";
import { z } from "zod";
import { isDatabaseUnavailable } from "../../platform/db/availability";
import { DomainError, ERROR_STATUS, type ErrorCode, type FieldIssue } from "../../core/errors";
import { describeError, log, logLimited } from "../../core/log";

// The one place where failures become the documented REST error shape:
// { "error": { "code": "...", "message": "...", "details"?: [{ "field", "message" }] } }

/** A code a REST answer may carry: all of them but the console's own rate limit. */
export type ApiErrorCode = ErrorCode;

export const STATUS_BY_CODE: Record<ApiErrorCode, number> = ERROR_STATUS;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const;

export function errorBody(code: ApiErrorCode, message: string, details?: FieldIssue[], requestId?: string) {
  return { error: { code, message, ...(details?.length ? { details } : {}), ...(requestId ? { request_id: requestId } : {}) } };
}

/** Seconds a client should wait before it retries a 503: the database is usually back within this. */
export const RETRY_AFTER_SECONDS = 2;

function isPrismaNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2025";
}

/**
 * An expected failure, recognised by its name and code rather than `instanceof`: Next's bundle
 * and the server's module graph each load these classes, and an error thrown by code of one
 * (the process's verifier is made by whichever asks first) must read the same in the other.
 */
function expectedFailure(error: unknown): (ApiError | DomainError) | null {
  if (error instanceof ApiError || error instanceof DomainError) return error;
  if (!(error instanceof Error) || (error.name !== "ApiError" && error.name !== "DomainError")) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && Object.hasOwn(STATUS_BY_CODE, code) ? (error as ApiError) : null;
}

export type ErrorPayload = { status: number; body: ReturnType<typeof errorBody>; headers: Record<string, string> };

/**
 * Any thrown value as the REST error: status, body and headers, for either transport. The
 * request's id goes into the body and the headers, and into the one log line a failure on our
 * side writes (never a stack, never the request's content, which may hold a secret).
 */
export function errorPayload(error: unknown, requestId?: string): ErrorPayload {
  const headers: Record<string, string> = { ...NO_STORE, ...(requestId ? { "X-Request-Id": requestId } : {}) };
  const expected = expectedFailure(error);
  if (expected) {
    Object.assign(headers, "headers" in expected ? expected.headers : {});
    return {
      status: STATUS_BY_CODE[expected.code],
      body: errorBody(expected.code, expected.message, expected.details, requestId),
      headers,
    };
  }
  // A row that vanished between read and write (a concurrent delete) reads as not found.
  if (isPrismaNotFound(error)) return { status: 404, body: errorBody("not_found", "Resource not found.", undefined, requestId), headers };
  if (isDatabaseUnavailable(error)) {
    serverMetrics.databaseErrors.inc();
    // One line per window however many requests fail the same way (lib/core/log.ts).
    logLimited("database-unreachable", "error", { request_id: requestId, error: describeError(error) }, "database unreachable");
    headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
    return {
      status: 503,
      body: errorBody("service_unavailable", "The service cannot reach its database right now. Try again shortly.", undefined, requestId),
      headers,
    };
  }
  log.error({ request_id: requestId, error: describeError(error) }, "internal error");
  return { status: 500, body: errorBody("internal_error", "Something went wrong on our side.", undefined, requestId), headers };
}

export function errorResponse(error: unknown, requestId?: string): Response {
  const { status, body, headers } = errorPayload(error, requestId);
  return Response.json(body, { status, headers });
}

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(STATUS_BY_CODE) as [ApiErrorCode, ...ApiErrorCode[]]),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    request_id: z.string().optional().describe("The request's id (also in X-Request-Id): quote it when you report a problem."),
  }),
});
