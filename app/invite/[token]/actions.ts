"use server";

import { headers } from "next/headers";
import type { ActionResult } from "@/lib/http/actions/result";
import { requestMeta } from "@/lib/http/api/with-app-key";
import { currentUser } from "@/lib/http/auth/session";
import { DomainError } from "@/lib/core/errors";
import { allowAttempt } from "@/lib/platform/rate-limit";
import { acceptInvite } from "@/lib/domain/teams/invites";

const ATTEMPTS = 10;
const WINDOW_MS = 10 * 60_000;

export async function acceptInviteAction(token: string): Promise<ActionResult<{ slug: string }>> {
  const user = await currentUser();
  if (!user?.email) return { ok: false, error: { code: "unauthorized", message: "Sign in again to continue." } };
  if (!allowAttempt(`invite:${user.id}`, ATTEMPTS, WINDOW_MS)) {
    return { ok: false, error: { code: "rate_limited", message: "Too many invite attempts. Wait ten minutes and try again." } };
  }
  try {
    const team = await acceptInvite({ id: user.id, email: user.email }, token, requestMeta(await headers()));
    return { ok: true, data: { slug: team.slug } };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}
