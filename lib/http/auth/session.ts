import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getApp } from "../../domain/apps/queries";
import { getApiKey } from "../../domain/keys/service";
import { getProject } from "../../domain/projects/service";
import { getMembership, listMemberships } from "../../domain/teams/members";
import { type AppScope, NO_REQUEST } from "../../core/scope";
import { authOptions } from "./options";

type Session = { userId?: string; user?: { name?: string | null; email?: string | null } } | null;

/** The signed-in user, once per request (pages, layouts and actions share the answer). */
export const currentUser = cache(async () => {
  const session = (await getServerSession(authOptions())) as Session;
  return session?.userId ? { id: session.userId, name: session.user?.name ?? null, email: session.user?.email ?? null } : null;
});

/** The signed-in user's id, or a redirect to the sign-in page. */
export async function requireUserId(): Promise<string> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user.id;
}

/** For console pages: the caller's membership of the team in the URL (null: not a member). */
export const requireMember = cache(async (teamSlug: string) => {
  const userId = await requireUserId();
  const [membership, teams] = await Promise.all([getMembership(userId, teamSlug).catch(() => null), listMemberships(userId)]);
  return { userId, membership, teams };
});

/** For an app's console pages: the membership, the app and a scope for reads; otherwise a 404. */
export const requireApp = cache(async (teamSlug: string, appId: string) => {
  const { membership, userId } = await requireMember(teamSlug);
  if (!membership) notFound();
  const teamScope = { teamId: membership.team.id, actor: { type: "user" as const, id: userId }, request: NO_REQUEST };
  const app = await getApp(teamScope, appId).catch(() => null);
  if (!app) notFound();
  const scope: AppScope = { ...teamScope, appId: app.id };
  return { membership, app, scope };
});

// The two below are for the layouts of a project's and a key's pages. A layout renders before
// the pages' loading skeleton streams, so an unknown id (or another team's) answers HTTP 404.

/** For a project's console pages: requireApp, and the project of that app; otherwise a 404. */
export const requireProject = cache(async (teamSlug: string, appId: string, projectId: string) => {
  const access = await requireApp(teamSlug, appId);
  const project = await getProject(access.scope, projectId).catch(() => null);
  if (!project) notFound();
  return { ...access, project };
});

/** For a key's console page: requireApp, and the key of that app; otherwise a 404. */
export const requireKey = cache(async (teamSlug: string, appId: string, keyId: string) => {
  const access = await requireApp(teamSlug, appId);
  const key = await getApiKey(access.scope, keyId).catch(() => null);
  if (!key) notFound();
  return { ...access, key };
});
