import "server-only";
import type { z } from "zod";
import { issuesToDetails } from "../api/body";
import type { RequestMeta } from "../auth/scope";
import { DomainError } from "../errors";
import { allowAttempt } from "../rate-limit";
import type { ActionResult } from "./result";

export type UserActionCaller = { userId: string | null; request: RequestMeta };
type UserScope = { actor: { type: "user"; id: string }; request: RequestMeta };

/**
 * For console mutations that belong to the person rather than to a team (creating a team):
 * signed in, within `limit` calls an hour, input through its zod schema. Failures are values.
 */
export async function runUserAction<S extends z.ZodType, T>(
  caller: UserActionCaller,
  name: string,
  limit: number,
  schema: S,
  raw: unknown,
  fn: (scope: UserScope, input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    if (!caller.userId) return { ok: false, error: { code: "unauthorized", message: "Sign in again to continue." } };
    if (!allowAttempt(`${name}:${caller.userId}`, limit, 3_600_000)) {
      return { ok: false, error: { code: "rate_limited", message: "You did this too often in the last hour. Try again later." } };
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const details = issuesToDetails(parsed.error.issues);
      const [first] = details;
      return { ok: false, error: { code: "invalid_request", message: first ? `${first.field}: ${first.message}` : "Invalid input.", field: first?.field, details } };
    }
    return { ok: true, data: await fn({ actor: { type: "user", id: caller.userId }, request: caller.request }, parsed.data) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: { code: error.code, message: error.message, field: error.details?.[0]?.field, details: error.details } };
    console.error("action failed:", error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    return { ok: false, error: { code: "internal_error", message: "Something went wrong on our side." } };
  }
}
