import "server-only";
import type { z } from "zod";
import type { RequestMeta } from "../../core/scope";
import type { AttemptLimit, UserScope } from "../../domain/operation";
import { allowAttempt } from "../../platform/rate-limit";
import { actionFailure, invalidInput } from "./failure";
import type { ActionResult } from "./result";

export type UserActionCaller = { userId: string | null; email?: string | null; request: RequestMeta };

/**
 * For console mutations that belong to the person rather than to a team (creating a team,
 * accepting an invite): signed in, within the operation's attempt limit, input through its zod
 * schema. Failures are values.
 */
export async function runUserAction<S extends z.ZodType, T>(
  caller: UserActionCaller,
  limit: (AttemptLimit & { key: string }) | undefined,
  schema: S,
  raw: unknown,
  fn: (scope: UserScope, input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    if (!caller.userId) return { ok: false, error: { code: "unauthorized", message: "Sign in again to continue." } };
    if (limit && !allowAttempt(`${limit.key}:${caller.userId}`, limit.attempts, limit.windowMs)) {
      return { ok: false, error: { code: "rate_limited", message: limit.message } };
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const scope: UserScope = { actor: { type: "user", id: caller.userId }, email: caller.email ?? null, request: caller.request };
    return { ok: true, data: await fn(scope, parsed.data) };
  } catch (error) {
    return actionFailure(error);
  }
}
