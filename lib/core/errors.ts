// Expected failures of the domain. Adapters turn them into HTTP errors (lib/http/api/errors.ts)
// or into action results; anything else that is thrown is a bug and answers 500.

export type FieldIssue = { field: string; message: string };

export type DomainErrorCode =
  | "invalid_request"
  | "not_found"
  | "forbidden"
  | "conflict"
  | "key_revoked"
  | "key_rotated"
  | "key_expired";

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
