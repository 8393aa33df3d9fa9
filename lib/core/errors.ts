// Expected failures of the domain. Adapters turn them into HTTP errors (lib/http/api/errors.ts)
// or into action results; anything else that is thrown is a bug and answers 500.

export type FieldIssue = { field: string; message: string };

/**
 * Every error code an answer can carry, REST or console action, with its HTTP status: the one
 * list (lib/http/api/errors.ts maps thrown errors through it, lib/http/actions/result.ts maps
 * action results, and the OpenAPI document enumerates it).
 */
export const ERROR_STATUS = {
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
  key_disabled: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The codes the domain itself raises; the others belong to the adapters (auth, parsing, limits). */
export type DomainErrorCode = Extract<
  ErrorCode,
  | "invalid_request"
  | "not_found"
  | "forbidden"
  | "conflict"
  | "key_revoked"
  | "key_rotated"
  | "key_expired"
  | "key_disabled"
  | "service_unavailable"
>;

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** A resource that does not exist or belongs to someone else: the two read the same. */
export function notFound(what: string): DomainError {
  return new DomainError("not_found", `${what} not found.`);
}

export function invalidField(field: string, message: string): DomainError {
  return new DomainError("invalid_request", `${field}: ${message}`, [{ field, message }]);
}
