import { env } from "../../core/env";
import { normalizeAddress, type TrustedProxies } from "../../core/net/trusted-proxies";

// Which address a request comes from, for the audit log and for rate limiting. The production
// server (cli/serve.ts) decides it from the socket and LATCHKEY_TRUSTED_PROXIES, and hands it
// to every handler in CLIENT_IP_HEADER, overwriting whatever a client sent under that name.

export const CLIENT_IP_HEADER = "x-latchkey-client-ip";

/** What both transports (Next's Request and node:http) offer for reading headers. */
export type HeaderSource = { get(name: string): string | null };

/**
 * The client's address: the socket's peer, or, while that peer is a trusted proxy, the address
 * that proxy appended to X-Forwarded-For (read from the right, one hop per trusted proxy). An
 * entry from an untrusted peer, or a malformed one, ends the walk: a client can write anything
 * on the left of the header, but not on the right of what its first proxy appended.
 */
export function resolveClientIp(
  remoteAddress: string | undefined | null,
  forwardedFor: string | string[] | undefined | null,
  trusted: TrustedProxies,
): string | null {
  let client = normalizeAddress(remoteAddress);
  if (!client || trusted.empty || !forwardedFor) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",");
  while (trusted.has(client) && hops.length > 0) {
    const next = normalizeAddress(hops.pop());
    if (!next) break;
    client = next;
  }
  return client;
}

/**
 * The client's address for a request inside the app. Behind `latchkey start` it is the one the
 * server decided. Without it (`next dev`), the socket is out of reach: Next puts the peer into
 * X-Forwarded-For when a request has none, so its last entry stands in for the peer, which
 * a client can forge there. Production must run `latchkey start`.
 */
export function clientIp(headers: HeaderSource): string | null {
  const decided = headers.get(CLIENT_IP_HEADER);
  if (decided !== null) return normalizeAddress(decided);
  const hops = headers.get("x-forwarded-for")?.split(",") ?? [];
  return resolveClientIp(hops.pop(), hops, env().LATCHKEY_TRUSTED_PROXIES);
}
