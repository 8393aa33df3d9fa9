import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { listMemberships, getMembership } from "../teams/members";
import { authOptions } from "./options";

/** The signed-in user's id, or a redirect to the sign-in page. */
export async function requireUserId(): Promise<string> {
  const session = (await getServerSession(authOptions())) as { userId?: string; user?: { name?: string | null; email?: string | null } } | null;
  if (!session?.userId) redirect("/sign-in");
  return session.userId;
}

export async function currentUser() {
  const session = (await getServerSession(authOptions())) as { userId?: string; user?: { name?: string | null; email?: string | null } } | null;
  return session?.userId ? { id: session.userId, name: session.user?.name ?? null, email: session.user?.email ?? null } : null;
}

/** For console pages: the caller's membership of the team in the URL, or not found. */
export async function requireMember(teamSlug: string) {
  const userId = await requireUserId();
  const membership = await getMembership(userId, teamSlug).catch(() => null);
  const teams = await listMemberships(userId);
  return { userId, membership, teams };
}
