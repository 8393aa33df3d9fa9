import "server-only";
import type { z } from "zod";
import { issuesToDetails } from "../api/body";
import { isDatabaseUnavailable } from "../../platform/db/availability";
import { DomainError } from "../../core/errors";
import { describeError, log, logLimited } from "../../core/log";
import type { ActionError } from "./result";

// How every server action answers what went wrong, whichever runner called it (team, app, user).

type Failure = { ok: false; error: ActionError };

/** Input its schema refused: the first field at fault in the message, each field's own message in details. */
export function invalidInput(issues: z.core.$ZodIssue[]): Failure {
  const details = issuesToDetails(issues);
  const [first] = details;
  return {
    ok: false,
    error: {
      code: "invalid_request",
      message: first ? `${first.field}: ${first.message}` : "Invalid input.",
      field: first?.field,
      details,
    },
  };
}

/** A thrown value as the action's answer: a domain refusal as it is, the database out of reach as a 503, anything else logged once as ours. */
export function actionFailure(error: unknown): Failure {
  if (error instanceof DomainError)
    return { ok: false, error: { code: error.code, message: error.message, field: error.details?.[0]?.field, details: error.details } };
  if (isDatabaseUnavailable(error)) {
    logLimited("database-unreachable", "error", { error: describeError(error) }, "database unreachable");
    return {
      ok: false,
      error: { code: "service_unavailable", message: "The service cannot reach its database right now. Try again shortly." },
    };
  }
  log.error({ error: describeError(error) }, "action failed");
  return { ok: false, error: { code: "internal_error", message: "Something went wrong on our side." } };
}
