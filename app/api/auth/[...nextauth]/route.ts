import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { withSignInLimit } from "@/lib/auth/sign-in-guard";

// GET|POST /api/auth/*: next-auth's sign-in, callback, session and sign-out endpoints, with
// failed sign-ins limited per client address
const handler = withSignInLimit(async (request, context) => NextAuth(request as never, context as never, authOptions()));

export { handler as GET, handler as POST };
