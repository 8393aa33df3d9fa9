import NextAuth from "next-auth";
import { consoleUrl } from "@/lib/core/env";
import { unsafeCallbackUrlResponse } from "@/lib/http/auth/callback-url";
import { authOptions } from "@/lib/http/auth/options";
import { withSignInLimit } from "@/lib/http/auth/sign-in-guard";

// GET|POST /api/auth/*: next-auth's sign-in, callback, session and sign-out endpoints, with
// failed sign-ins limited per client address, and a callbackUrl that is not a path on this
// site replaced (GET) or refused (400) before next-auth reads it
const handler = withSignInLimit(async (request, context) => {
  const refused = unsafeCallbackUrlResponse(request, consoleUrl() ?? new URL(request.url).origin);
  return refused ?? NextAuth(request as never, context as never, authOptions());
});

export { handler as GET, handler as POST };
