import { BlockList, isIP } from "node:net";

// LATCHKEY_TRUSTED_PROXIES: the addresses whose X-Forwarded-For Latchkey believes. A list of
// addresses and CIDR ranges (and the names `loopback` and `private`) rather than a hop count:
// with a count, whoever reaches the server directly, past the proxy, chooses their own address.
// With a list, a header from anyone else is ignored and the socket address is the client.

const NAMED: Record<string, readonly (readonly [string, number])[]> = {
  loopback: [
    ["127.0.0.0", 8],
    ["::1", 128],
  ],
  private: [
    ["10.0.0.0", 8],
    ["172.16.0.0", 12],
    ["192.168.0.0", 16],
    ["fc00::", 7],
  ],
};

export type TrustedProxies = { has(address: string): boolean; readonly empty: boolean; readonly source: string };

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
  return isIP(address) ? address : null;
}

const NOT_A_RANGE = "is not an IPv4 or IPv6 address or CIDR range";

/** An address or CIDR range (`203.0.113.7`, `10.0.0.0/8`, `2001:db8::/32`) in plain form, or why it is not one. */
export function parseRange(entry: string): { address: string; bits: number; family: "ipv4" | "ipv6" } | string {
  const [raw, prefix, extra] = entry.trim().split("/");
  const address = normalizeAddress(raw);
  if (!address || extra !== undefined || /[[\]]/.test(raw!)) return NOT_A_RANGE;
  const family = isIP(address) === 4 ? "ipv4" : "ipv6";
  const max = family === "ipv4" ? 32 : 128;
  const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  if (!(bits >= 0 && bits <= max)) return `has a bad prefix length (0 to ${max})`;
  return { address, bits, family };
}

/** Parses `loopback, 10.0.0.0/8, fd00::/8, 203.0.113.7`; throws on anything else, naming the entry. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const add = (address: string, bits: number) => list.addSubnet(address, bits, isIP(address) === 6 ? "ipv6" : "ipv4");
  const entries = (value ?? "").split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) {
    const named = NAMED[entry.toLowerCase()];
    if (named) {
      for (const [address, bits] of named) add(address, bits);
      continue;
    }
    const range = parseRange(entry);
    if (typeof range === "string")
      throw new Error(
        range === NOT_A_RANGE ? `"${entry}" is not an address, a CIDR range, "loopback" or "private"` : `"${entry}" ${range}`,
      );
    add(range.address, range.bits);
  }
  return {
    has: (address) => {
      const plain = normalizeAddress(address);
      return plain !== null && list.check(plain, isIP(plain) === 6 ? "ipv6" : "ipv4");
    },
    empty: entries.length === 0,
    source: entries.join(","),
  };
}
