import { z } from "zod";
import { DomainError, type DomainErrorCode, type FieldIssue } from "../errors";

// The one place where failures become the documented REST error shape:
// { "error": { "code": "...", "message": "...", "details"?: [{ "field", "message" }] } }

export type ApiErrorCode =
  | DomainErrorCode
  | "invalid_json"
  | "unauthorized"
  | "method_not_allowed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "internal_error"
  | "service_unavailable";

export const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  key_revoked: 409,
  key_rotated: 409,
  key_expired: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal_error: 500,
  service_unavailable: 503,
};

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

export function errorBody(code: ApiErrorCode, message: string, details?: FieldIssue[]) {
  return { error: { code, message, ...(details?.length ? { details } : {}) } };
}

function isPrismaNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2025";
}

export type ErrorPayload = { status: number; body: ReturnType<typeof errorBody>; headers: Record<string, string> };

/** Any thrown value as the REST error: status, body and headers, for either transport. */
export function errorPayload(error: unknown): ErrorPayload {
  if (error instanceof ApiError || error instanceof DomainError) {
    const headers = { ...NO_STORE, ...(error instanceof ApiError ? error.headers : {}) };
    return { status: STATUS_BY_CODE[error.code], body: errorBody(error.code, error.message, error.details), headers };
  }
  // A row that vanished between read and write (a concurrent delete) reads as not found.
  if (isPrismaNotFound(error)) return { status: 404, body: errorBody("not_found", "Resource not found."), headers: { ...NO_STORE } };
  // Log the kind and message only: request bodies may hold secrets.
  console.error("internal error:", error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  return { status: 500, body: errorBody("internal_error", "Something went wrong on our side."), headers: { ...NO_STORE } };
}

export function errorResponse(error: unknown): Response {
  const { status, body, headers } = errorPayload(error);
  return Response.json(body, { status, headers });
}

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(STATUS_BY_CODE) as [ApiErrorCode, ...ApiErrorCode[]]),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
