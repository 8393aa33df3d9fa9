// Where to go after sign-in (`callbackUrl`): only a path on this site, anything else goes to
// "/". Browsers drop tabs and newlines from a URL and read a backslash as a slash, so
// "/\t/evil.example" or "/\evil.example" would leave the site: any control character,
// whitespace or backslash refuses the value, and so does a path that starts with two slashes
// once decoded ("//", "/%2F").

const ORIGIN = "http://latchkey.invalid";
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\\\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/u;

/** A same-origin path (with its query and fragment) to send a signed-in user to, or "/". */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || UNSAFE.test(value)) return "/";
  if (/^\/(%2f|%5c)/i.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== ORIGIN || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * next-auth's redirect callback: an absolute URL on the console's own origin becomes its path,
 * and the result is always on baseUrl.
 */
export function safeRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let path: unknown = url;
  if (!url.startsWith("/")) {
    try {
      const absolute = new URL(url);
      path = absolute.origin === base.origin && !UNSAFE.test(url) ? `${absolute.pathname}${absolute.search}${absolute.hash}` : "/";
    } catch {
      path = "/";
    }
  }
  return `${base.origin}${safeCallbackPath(path)}`;
}

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

function cookieValues(header: string | null): Map<string, string> {
  const values = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    const raw = part.slice(at + 1).trim();
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // Left as sent: it fails the check below all the same.
    }
    values.set(part.slice(0, at).trim(), value);
  }
  return values;
}

/**
 * For next-auth's route, before next-auth sees the request: a `callbackUrl` in the query, or
 * a callback-url cookie, that is not already a URL on this site as the redirect callback
 * would make it. next-auth itself answers some of these (a scheme it cannot parse, " //host")
 * with a 500. A GET is sent again with the safe value and without the cookie (303); anything
 * else is refused with 400 in the error shape. Null: the request may go on as it is.
 */
export function unsafeCallbackUrlResponse(request: Request, baseUrl: string): Response | null {
  const url = new URL(request.url);
  const origin = new URL(baseUrl).origin;
  // next-auth's own default is the bare origin, without a slash.
  const safeAsIs = (value: string) => {
    const safe = safeRedirect(value, origin);
    return value === origin || safe === value || safe === `${origin}${value}`;
  };
  const queried = url.searchParams.getAll("callbackUrl");
  const badQuery = queried.length > 1 || (queried.length === 1 && !safeAsIs(queried[0]!));
  const cookies = cookieValues(request.headers.get("cookie"));
  const badCookies = CALLBACK_COOKIES.filter((name) => cookies.has(name) && !safeAsIs(cookies.get(name)!));
  if (!badQuery && badCookies.length === 0) return null;

  const headers = new Headers({ "Cache-Control": "no-store" });
  for (const name of badCookies)
    headers.append("Set-Cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`);
  if (request.method === "GET" || request.method === "HEAD") {
    if (badQuery) url.searchParams.set("callbackUrl", safeRedirect(queried[0] ?? "/", origin));
    headers.set("Location", `${url.pathname}${url.search}`);
    return new Response(null, { status: 303, headers });
  }
  headers.set("Content-Type", "application/json");
  const body = {
    error: {
      code: "invalid_request",
      message: "callbackUrl: must be a path on this site",
      details: [{ field: "callbackUrl", message: "must be a path on this site" }],
    },
  };
  return new Response(JSON.stringify(body), { status: 400, headers });
}
