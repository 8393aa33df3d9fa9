// IP addresses and CIDR ranges in plain JavaScript, with no Node module: the key schemas that
// use them are bundled for the browser too (the console checks a form before it sends it).
// Matching against a list is done on the server, with node:net's BlockList (ip-allowlist.ts).

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** 4 or 6 for an address in plain form (no brackets, port or zone), else 0. IPv6 is canonical after normalizeAddress. */
export function ipVersion(address: string): 0 | 4 | 6 {
  if (IPV4.test(address)) return 4;
  if (!address.includes(":") || !/^[0-9a-f:.]+$/i.test(address)) return 0;
  try {
    // The URL parser knows every IPv6 spelling, and writes it in its canonical (compressed) form.
    return new URL(`http://[${address}]/`).hostname.length > 2 ? 6 : 0;
  } catch {
    return 0;
  }
}

/** An IPv6 address in its canonical form: lower case, the longest zero run compressed. */
function canonicalIpv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/** An address as Node or a proxy writes it, in plain form: no brackets, port, zone or IPv4-mapped prefix. */
export function normalizeAddress(value: string | undefined | null): string | null {
  let address = value?.trim() ?? "";
  if (!address) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) address = mapped[1]!;
  const version = ipVersion(address);
  if (version === 0) return null;
  return version === 6 ? canonicalIpv6(address) : address;
}

const NOT_A_RANGE = "is not an IPv4 or IPv6 address or CIDR range";

export type Range = { address: string; bits: number; family: "ipv4" | "ipv6" };

/** An address or CIDR range (`203.0.113.7`, `10.0.0.0/8`, `2001:db8::/32`) in plain form, or why it is not one. */
export function parseRange(entry: string): Range | string {
  const [raw, prefix, extra] = entry.trim().split("/");
  const address = normalizeAddress(raw);
  if (!address || extra !== undefined || /[[\]]/.test(raw!)) return NOT_A_RANGE;
  const family = ipVersion(address) === 4 ? "ipv4" : "ipv6";
  const max = family === "ipv4" ? 32 : 128;
  const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  if (!(bits >= 0 && bits <= max)) return `has a bad prefix length (0 to ${max})`;
  return { address, bits, family };
}

export function isNotARange(problem: string): boolean {
  return problem === NOT_A_RANGE;
}

export const MAX_ALLOWLIST_ENTRIES = 100;

/** Why `entry` is not an allow-list entry, or null when it is. */
export function allowlistEntryProblem(entry: string): string | null {
  const range = parseRange(entry);
  return typeof range === "string" ? range : null;
}

/** An entry in the form it is stored and returned: `203.0.113.7`, `10.0.0.0/8`, `2001:db8::/32`. */
export function canonicalEntry(entry: string): string {
  const range = parseRange(entry);
  if (typeof range === "string") throw new TypeError(`not an allow-list entry: ${entry}`);
  const single = range.bits === (range.family === "ipv4" ? 32 : 128);
  return single ? range.address : `${range.address}/${range.bits}`;
}
