import { BlockList } from "node:net";
import { isNotARange, normalizeAddress, parseRange } from "./ip";

export { normalizeAddress } from "./ip";

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

/** Parses `loopback, 10.0.0.0/8, fd00::/8, 203.0.113.7`; throws on anything else, naming the entry. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const add = (address: string, bits: number) => list.addSubnet(address, bits, address.includes(":") ? "ipv6" : "ipv4");
  const entries = (value ?? "").split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) {
    const named = NAMED[entry.toLowerCase()];
    if (named) {
      for (const [address, bits] of named) add(address, bits);
      continue;
    }
    const range = parseRange(entry);
    if (typeof range === "string")
      throw new Error(isNotARange(range) ? `"${entry}" is not an address, a CIDR range, "loopback" or "private"` : `"${entry}" ${range}`);
    add(range.address, range.bits);
  }
  return {
    has: (address) => {
      const plain = normalizeAddress(address);
      return plain !== null && list.check(plain, plain.includes(":") ? "ipv6" : "ipv4");
    },
    empty: entries.length === 0,
    source: entries.join(","),
  };
}
