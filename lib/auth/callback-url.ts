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
