import { BlockList } from "node:net";
import { normalizeAddress, parseRange } from "./trusted-proxies";

// A key's IP allow-list: addresses and CIDR ranges, IPv4 or IPv6. An empty list allows every
// address. Entries are checked when they are entered (keys/schemas.ts), so that a stored list
// always compiles; an IPv4-mapped IPv6 address (::ffff:203.0.113.7) is its IPv4 address.

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

export type IpAllowlist = { readonly empty: boolean; allows(address: string | null | undefined): boolean };

const ALLOW_ALL: IpAllowlist = { empty: true, allows: () => true };

/** Compiles stored entries once (a verification record keeps the result). Entries that do not parse allow nothing. */
export function compileAllowlist(entries: readonly string[]): IpAllowlist {
  if (entries.length === 0) return ALLOW_ALL;
  const list = new BlockList();
  for (const entry of entries) {
    const range = parseRange(entry);
    if (typeof range !== "string") list.addSubnet(range.address, range.bits, range.family);
  }
  return {
    empty: false,
    allows(address) {
      const plain = normalizeAddress(address);
      return plain !== null && list.check(plain, plain.includes(":") ? "ipv6" : "ipv4");
    },
  };
}
