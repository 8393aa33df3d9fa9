import "server-only";
import { headers } from "next/headers";
import { requestMeta } from "../api/with-app-key";
import { currentUser } from "../auth/session";
import type { TeamActionCaller } from "./team-action";

/** Who is calling a console action or read: the session's user, for the team in the URL. */
export async function actionCaller(teamSlug: string): Promise<TeamActionCaller> {
  const user = await currentUser();
  return { userId: user?.id ?? null, email: user?.email ?? null, teamSlug, request: requestMeta(await headers()) };
}
