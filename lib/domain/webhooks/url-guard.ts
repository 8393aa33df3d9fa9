import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { env } from "../../core/env";

// Where Latchkey may send webhooks (SSRF). A target must use https; plain http is allowed only
// to loopback outside production, for a receiver on the developer's machine. Whatever the
// scheme, the host's addresses must be public: private, loopback (in production), link-local
// (the cloud metadata address 169.254.169.254 among them), CGNAT, unique-local IPv6 and the
// other special ranges are refused, unless the operator allow-lists the host or a range with
// LATCHKEY_WEBHOOK_ALLOWED_HOSTS. The check runs inside the connection's own DNS lookup, so the
// address that was checked is the address connected to: a second answer cannot slip past it.

type Range = readonly [address: string, prefix: number];

const SPECIAL_RANGES: Record<string, readonly Range[]> = {
  loopback: [
    ["127.0.0.0", 8],
    ["::1", 128],
  ],
  "cloud metadata": [
    ["169.254.169.254", 32],
    ["fd00:ec2::254", 128],
  ],
  "link-local": [
    ["169.254.0.0", 16],
    ["fe80::", 10],
  ],
  private: [
    ["10.0.0.0", 8],
    ["172.16.0.0", 12],
    ["192.168.0.0", 16],
  ],
  "carrier-grade NAT": [["100.64.0.0", 10]],
  "unique-local": [["fc00::", 7]],
  multicast: [
    ["224.0.0.0", 4],
    ["ff00::", 8],
  ],
  reserved: [
    ["0.0.0.0", 8],
    ["192.0.0.0", 24],
    ["192.0.2.0", 24],
    ["198.18.0.0", 15],
    ["198.51.100.0", 24],
    ["203.0.113.0", 24],
    ["240.0.0.0", 4],
    ["::", 128],
    ["64:ff9b::", 96],
    ["64:ff9b:1::", 48],
    ["100::", 64],
    ["2001::", 32],
    ["2001:db8::", 32],
    ["2002::", 16],
  ],
};

function blockListOf(ranges: readonly Range[]): BlockList {
  const list = new BlockList();
  for (const [address, prefix] of ranges) list.addSubnet(address, prefix, isIP(address) === 6 ? "ipv6" : "ipv4");
  return list;
}

// Checked in this order, so that 169.254.169.254 reads as "cloud metadata", not "link-local".
const CLASSES = Object.entries(SPECIAL_RANGES).map(([name, ranges]) => ({ name, list: blockListOf(ranges) }));

/** The special range an address falls in, or null for a public address. IPv4-mapped IPv6 counts as IPv4. */
export function addressClass(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return "invalid";
  const type = family === 6 ? "ipv6" : "ipv4";
  return CLASSES.find(({ list }) => list.check(address, type))?.name ?? null;
}

export type AllowList = { hosts: ReadonlySet<string>; ranges: BlockList; empty: boolean };

/** Parses `hooks.internal, 10.1.0.0/16, fd00::/8, 192.168.1.7`: host names, addresses and CIDR ranges. */
export function parseAllowList(value: string | undefined): AllowList {
  const hosts = new Set<string>();
  const ranges = new BlockList();
  const entries = (value ?? "").split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) {
    const [address, prefix] = entry.split("/") as [string, string | undefined];
    const family = isIP(address);
    if (family === 0) {
      if (prefix !== undefined) throw new Error(`LATCHKEY_WEBHOOK_ALLOWED_HOSTS: "${entry}" is not a CIDR range`);
      hosts.add(address.toLowerCase().replace(/\.$/, ""));
      continue;
    }
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128))
      throw new Error(`LATCHKEY_WEBHOOK_ALLOWED_HOSTS: "${entry}" has a bad prefix length`);
    ranges.addSubnet(address, bits, family === 4 ? "ipv4" : "ipv6");
  }
  return { hosts, ranges, empty: entries.length === 0 };
}

export type WebhookTargetPolicy = { production: boolean; allow: AllowList };

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

function bareHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
}

function isLoopbackName(hostname: string): boolean {
  return (
    LOOPBACK_NAMES.has(hostname.toLowerCase()) ||
    hostname.toLowerCase().endsWith(".localhost") ||
    addressClass(bareHost(hostname)) === "loopback"
  );
}

/** Why an address may not be connected to for this host, or null when it may. */
export function refuseAddress(address: string, hostname: string, policy: WebhookTargetPolicy): string | null {
  const found = addressClass(address);
  if (found === null) return null;
  if (found === "loopback" && !policy.production) return null;
  if (policy.allow.hosts.has(bareHost(hostname))) return null;
  if (found !== "invalid" && policy.allow.ranges.check(address, isIP(address) === 6 ? "ipv6" : "ipv4")) return null;
  return `${hostname} resolves to ${address}, a ${found} address (allow it with LATCHKEY_WEBHOOK_ALLOWED_HOSTS)`;
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/** The one wording for a scheme that is refused, the same in production and outside it. */
export const HTTPS_REQUIRED = "must use https (plain http is allowed only to localhost, and only outside production)";

/** The checks that need no DNS: scheme, a loopback name, and an address literal's range. */
export function checkWebhookUrl(value: string, policy: WebhookTargetPolicy): UrlVerdict {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: "must be an absolute http or https URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: HTTPS_REQUIRED };
  if (url.protocol === "http:" && (policy.production || !isLoopbackName(url.hostname))) return { ok: false, reason: HTTPS_REQUIRED };
  const host = bareHost(url.hostname);
  // An address literal is connected to without a DNS lookup, so it is checked here.
  if (isIP(host)) {
    const refused = refuseAddress(host, url.hostname, policy);
    if (refused) return { ok: false, reason: refused };
  } else if (isLoopbackName(host)) {
    // localhost and *.localhost always name this machine (RFC 6761), so they are refused when
    // entered, as a loopback address is. Which address they resolve to is not known here, so only
    // the host allow-list lets them through.
    if (policy.production && !policy.allow.hosts.has(host)) {
      return { ok: false, reason: `${host} is a loopback host (allow it with LATCHKEY_WEBHOOK_ALLOWED_HOSTS)` };
    }
  }
  return { ok: true, url };
}

type Lookup = (
  hostname: string,
  options: { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for http.request and https.request: it resolves the host, and fails the
 * connection when any of its addresses is refused, before a single byte is sent.
 */
export function guardedLookup(policy: WebhookTargetPolicy, resolve: Lookup = dnsLookup as Lookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const usable = addresses.filter((a) => options.family === undefined || options.family === 0 || a.family === options.family);
      const refused = usable.map((a) => refuseAddress(a.address, hostname, policy)).find((reason) => reason !== null);
      if (refused || usable.length === 0) {
        const failure: NodeJS.ErrnoException = new Error(refused ?? `${hostname} has no usable address`);
        failure.code = refused ? "ERR_WEBHOOK_TARGET_REFUSED" : "ENOTFOUND";
        return callback(failure, "", 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/** Resolves a target ahead of sending, for a clear answer when a URL is entered or previewed. */
export async function checkWebhookTarget(
  value: string,
  policy: WebhookTargetPolicy,
  resolve: Lookup = dnsLookup as Lookup,
): Promise<UrlVerdict> {
  const verdict = checkWebhookUrl(value, policy);
  if (!verdict.ok) return verdict;
  const lookup = guardedLookup(policy, resolve);
  return new Promise((done) => {
    lookup(verdict.url.hostname.replace(/^\[|\]$/g, ""), { all: true }, (error) =>
      done(error ? { ok: false, reason: error.message } : verdict),
    );
  });
}

let cachedPolicy: WebhookTargetPolicy | undefined;

/** The policy of this process: NODE_ENV and LATCHKEY_WEBHOOK_ALLOWED_HOSTS. */
export function targetPolicy(): WebhookTargetPolicy {
  cachedPolicy ??= { production: env().NODE_ENV === "production", allow: parseAllowList(env().LATCHKEY_WEBHOOK_ALLOWED_HOSTS) };
  return cachedPolicy;
}
