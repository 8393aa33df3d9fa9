import "server-only";
import type { NextAuthOptions } from "next-auth";
import { serverSecret } from "../secrets";
import { signInUser } from "../teams/members";
import { configuredIdps } from "./providers";
import { accountBlockedFor, recordAccountFailure } from "./sign-in-limit";

const SESSION_SECONDS = 8 * 3600;

/** next-auth's configuration: JWT sessions in an httpOnly cookie, users and teams in lib/teams. */
export function authOptions(): NextAuthOptions {
  return {
    providers: configuredIdps().map((idp) => idp.provider),
    secret: serverSecret(),
    session: { strategy: "jwt", maxAge: SESSION_SECONDS, updateAge: 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    // The code and message only: next-auth's metadata can carry tokens.
    logger: {
      error: (code, metadata) => console.error(`[auth] ${code}: ${metadata instanceof Error ? metadata.message : ((metadata as { message?: string })?.message ?? "")}`),
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
      async jwt({ token, user, profile }) {
        if (user?.email) {
          const emailVerified = (profile as { email_verified?: boolean } | undefined)?.email_verified === true;
          token.uid = (await signInUser({ email: user.email, name: user.name, emailVerified })).id;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: typeof token.uid === "string" ? token.uid : undefined };
      },
    },
  };
}
