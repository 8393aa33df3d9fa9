import "server-only";
import type { z } from "zod";
import { appScopeFor } from "../../domain/apps/queries";
import type { AppScope, RequestMeta, TeamScope } from "../../core/scope";
import { getMembership } from "../../domain/teams/members";
import { roleCan, type TeamPermission } from "../../domain/teams/permissions";
import type { TeamRole } from "../../domain/teams/roles";
import { actionFailure, invalidInput } from "./failure";
import type { ActionResult } from "./result";

export type TeamActionScope = TeamScope & { role: TeamRole; teamSlug: string };
export type AppActionScope = AppScope & { role: TeamRole };
export type TeamActionCaller = { userId: string | null; email?: string | null; teamSlug: string; request: RequestMeta };

/**
 * The one wrapper for console mutations: the caller must be signed in and a member of the team
 * in the URL (another team reads as not found), the role must hold the permission (else
 * forbidden), and the input must pass its zod schema. Failures come back as values.
 */
export async function runTeamAction<S extends z.ZodType, T>(
  caller: TeamActionCaller,
  permission: TeamPermission,
  schema: S,
  raw: unknown,
  fn: (scope: TeamActionScope, input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    if (!caller.userId) return { ok: false, error: { code: "unauthorized", message: "Sign in again to continue." } };
    const membership = await getMembership(caller.userId, caller.teamSlug);
    if (!roleCan(membership.role, permission)) {
      return { ok: false, error: { code: "forbidden", message: `Your role (${membership.role}) cannot do this.` } };
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const scope: TeamActionScope = {
      teamId: membership.team.id,
      teamSlug: membership.team.slug,
      role: membership.role,
      actor: { type: "user", id: caller.userId },
      request: caller.request,
    };
    return { ok: true, data: await fn(scope, parsed.data) };
  } catch (error) {
    return actionFailure(error);
  }
}

/**
 * runTeamAction for an app's resources: the input names the app (`app_id`), which must belong
 * to the caller's team, else the action reads as not found.
 */
export async function runAppAction<S extends z.ZodType<{ app_id: string }>, T>(
  caller: TeamActionCaller,
  permission: TeamPermission,
  schema: S,
  raw: unknown,
  fn: (scope: AppActionScope, input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  return runTeamAction(caller, permission, schema, raw, async (scope, input) =>
    fn({ ...(await appScopeFor(scope, input.app_id)), role: scope.role }, input),
  );
}
