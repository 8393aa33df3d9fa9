"use server";

import type { ActionResult } from "@/lib/http/actions/result";
import { currentUser } from "@/lib/http/auth/session";
import { endUserSessions } from "@/lib/domain/accounts/sessions";

// Server actions about the signed-in person rather than a team. Next checks each call's Origin
// against the host (CSRF).

/** Ends every session of the signed-in user, on every browser and instance, this one included. */
export async function signOutEverywhereAction(): Promise<ActionResult<{ sessions_ended: number }>> {
  const user = await currentUser();
  if (!user) return { ok: false, error: { code: "unauthorized", message: "Sign in again to continue." } };
  return { ok: true, data: { sessions_ended: await endUserSessions(user.id) } };
}
