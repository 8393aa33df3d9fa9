import { BlockList } from "node:net";
import { normalizeAddress, parseRange } from "./ip";

// A key's IP allow-list, compiled for the verify path: addresses and CIDR ranges, IPv4 or IPv6
// (parsed by ./ip.ts). An empty list allows every address. Entries are checked when they are
// entered (keys/schemas.ts), so that a stored list always compiles; an IPv4-mapped IPv6 address (::ffff:203.0.113.7) is its IPv4 address.

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
