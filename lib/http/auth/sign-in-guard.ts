import "server-only";
import { clientIp } from "../net/client-ip";
import { recordSignInFailure, signInBlockedFor, waitSentence } from "./sign-in-limit";

type Context = { params: Promise<{ nextauth?: string[] }> };
type Handler = (request: Request, context: Context) => Promise<Response>;

/** Why a callback failed, when next-auth answered it with a redirect to its error page. */
export function callbackFailure(request: Request, response: Response): string | null {
  const location = response.status >= 300 && response.status < 400 ? response.headers.get("location") : null;
  if (!location) return null;
  const target = new URL(location, request.url);
  const failed =
    target.pathname.endsWith("/api/auth/error") ||
    target.pathname.endsWith("/api/auth/signin") ||
    (target.pathname === "/sign-in" && target.searchParams.has("error"));
  if (!failed) return null;
  // The provider's own error (access_denied) says more than next-auth's summary of it (Callback).
  const reason = new URL(request.url).searchParams.get("error") ?? target.searchParams.get("error") ?? "no profile";
  return /^[\w .-]{1,60}$/.test(reason) ? reason : "unreadable error";
}

function tooManySignIns(action: string, waitMs: number): Response {
  const headers = { "Retry-After": String(Math.ceil(waitMs / 1000)), "Cache-Control": "no-store" };
  const sentence = `Too many failed sign-ins from your network. Try again ${waitSentence(waitMs)}.`;
  // next-auth's client starts a sign-in with a JSON POST and follows the `url` it answers.
  if (action === "signin") return Response.json({ url: "/sign-in?error=TooManySignIns", error: sentence }, { status: 429, headers });
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too many sign-ins · Latchkey</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1.5rem">
<h1 style="font-size:1.5rem">Too many failed sign-ins</h1><p>${sentence}</p><p><a href="/sign-in">Back to sign-in</a></p></body></html>`;
  return new Response(page, {
    status: 429,
    headers: {
      ...headers,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * Wraps next-auth's route: an address with too many failed sign-ins may neither start one
 * (POST /api/auth/signin/…) nor complete one (/api/auth/callback/…) and gets 429 with
 * Retry-After; a callback that ends on next-auth's error page counts as a failure.
 */
export function withSignInLimit(handler: Handler): Handler {
  return async (request, context) => {
    const [action = ""] = (await context.params)?.nextauth ?? [];
    if (action !== "callback" && !(action === "signin" && request.method === "POST")) return handler(request, context);
    const ip = clientIp(request.headers);
    const waitMs = signInBlockedFor(ip);
    if (waitMs > 0) return tooManySignIns(action, waitMs);
    const response = await handler(request, context);
    const reason = action === "callback" ? callbackFailure(request, response) : null;
    if (reason) recordSignInFailure({ ip, reason });
    return response;
  };
}
