import "server-only";
import type { z } from "zod";
import type { RequestMeta } from "../../core/scope";
import { allowAttempt } from "../../platform/rate-limit";
import { actionFailure, invalidInput } from "./failure";
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
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return { ok: true, data: await fn({ actor: { type: "user", id: caller.userId }, request: caller.request }, parsed.data) };
  } catch (error) {
    return actionFailure(error);
  }
}
