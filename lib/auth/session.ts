import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getApp } from "../apps/queries";
import { getMembership, listMemberships } from "../teams/members";
import { type AppScope, NO_REQUEST } from "./scope";
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
