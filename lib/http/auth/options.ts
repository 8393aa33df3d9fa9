import "server-only";
import type { NextAuthOptions } from "next-auth";
import { serverSecret } from "../../core/crypto/server-secret";
import { signInUser } from "../../domain/teams/members";
import { safeRedirect } from "./callback-url";
import { configuredIdps } from "./providers";
import { createSession, endSession, SESSION_SECONDS, SESSION_UPDATE_SECONDS, sessionIsActive } from "../../domain/accounts/sessions";
import { accountBlockedFor, recordAccountFailure } from "./sign-in-limit";

/** Whether the identity provider vouches for this email: its email_verified claim, for the same address. */
function emailVerifiedBy(profile: unknown, email: string): boolean {
  const claims = (profile ?? {}) as { email?: unknown; email_verified?: unknown };
  const verified = claims.email_verified === true || claims.email_verified === "true";
  return verified && typeof claims.email === "string" && claims.email.trim().toLowerCase() === email.trim().toLowerCase();
}

/**
 * next-auth's configuration: the session cookie is an httpOnly encrypted JWT that names a
 * server-side session (lib/domain/accounts/sessions.ts), checked on every request; users and teams in lib/domain/teams.
 */
export function authOptions(): NextAuthOptions {
  return {
    providers: configuredIdps().map((idp) => idp.provider),
    secret: serverSecret(),
    session: { strategy: "jwt", maxAge: SESSION_SECONDS, updateAge: SESSION_UPDATE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    // The code and message only: next-auth's metadata can carry tokens.
    logger: {
      error: (code, metadata) =>
        console.error(
          `[auth] ${code}: ${metadata instanceof Error ? metadata.message : ((metadata as { message?: string })?.message ?? "")}`,
        ),
      warn: (code) => console.warn(`[auth] ${code}`),
      debug: () => {},
    },
    callbacks: {
      // A refusal here ends on the error page, which the route counts against the address;
      // the account (provider and subject) is counted too, and refused while it is blocked.
      signIn({ user, account }) {
        const subject = account ? `${account.provider}:${account.providerAccountId}` : null;
        if (subject && accountBlockedFor(subject) > 0) return false;
        if (user.email) return true;
        if (subject) recordAccountFailure(subject);
        return false;
      },
      // `user` is there only at sign-in: a new server-side session starts.
      async jwt({ token, user, profile }) {
        if (user?.email) {
          const signedIn = await signInUser({ email: user.email, name: user.name, emailVerified: emailVerifiedBy(profile, user.email) });
          token.uid = signedIn.id;
          token.sid = await createSession(signedIn.id);
        }
        return token;
      },
      // Every getServerSession (pages, actions, route handlers) and /api/auth/session: a cookie
      // whose server-side session has ended reads as signed out.
      async session({ session, token }) {
        if (!(await sessionIsActive(token.sid, token.uid))) return { expires: session.expires };
        return { ...session, userId: token.uid as string };
      },
      // Only a path on this site, whatever callbackUrl asked for (lib/http/auth/callback-url.ts).
      redirect({ url, baseUrl }) {
        return safeRedirect(url, baseUrl);
      },
    },
    events: {
      // Sign-out ends the server-side session too, so that a copy of the cookie is worthless.
      async signOut({ token }) {
        await endSession(token?.sid);
      },
    },
  };
}
