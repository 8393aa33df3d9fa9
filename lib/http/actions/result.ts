import { ERROR_STATUS, type ErrorCode, type FieldIssue } from "../../core/errors";

// What a server action returns: expected failures are values, not exceptions. `message` is a
// sentence for a toast ("name: must not be empty"); `field` names the first field at fault and
// `details` holds each field's own message ("must not be empty"), to show beside that field.
export type ActionError = { code: ErrorCode; message: string; field?: string; details?: FieldIssue[] };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** A console read's answer as JSON: the data, or the error with its HTTP status. Never cached. */
export function resultResponse<T>(result: ActionResult<T>): Response {
  const headers = { "Cache-Control": "no-store" };
  if (result.ok) return Response.json(result.data, { headers });
  return Response.json({ error: result.error }, { status: ERROR_STATUS[result.error.code], headers });
}
