import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIp, resolveClientIp } from "./client-ip";
import { normalizeAddress, parseTrustedProxies } from "../../core/net/trusted-proxies";

const none = parseTrustedProxies("");
const loopback = parseTrustedProxies("loopback");

describe("parseTrustedProxies", () => {
  it("takes addresses, CIDR ranges and the names loopback and private, separated by commas or spaces", () => {
    const trusted = parseTrustedProxies("10.1.0.0/16, 203.0.113.7 fd00::/8,loopback");
    expect(["10.1.2.3", "203.0.113.7", "fd00::1", "127.0.0.1", "::1", "::ffff:127.0.0.1"].map(trusted.has)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["10.2.0.1", "203.0.113.8", "fe00::1", "8.8.8.8", "not an ip"].map(trusted.has)).toEqual([false, false, false, false, false]);
    expect(trusted.empty).toBe(false);
    const internal = parseTrustedProxies("private");
    expect(["10.0.0.1", "172.31.255.255", "192.168.1.1", "fc12::1", "172.32.0.1", "100.64.0.1"].map(internal.has)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it("is empty by default, and trusts nothing then", () => {
    expect(none.empty).toBe(true);
    expect(none.has("127.0.0.1")).toBe(false);
  });

  it.each([
    "10.0.0.0/33",
    "::/129",
    "10.0.0.0/-1",
    "10.0.0.0/8/8",
    "10.0.0.0/x",
    "proxy.internal",
    "300.1.1.1",
    "10.0.0.0/",
    "[::1]/128",
    "2",
  ])("refuses %s", (entry) => {
    expect(() => parseTrustedProxies(entry)).toThrow(entry);
  });
});

describe("normalizeAddress", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    [" 192.0.2.1 ", "192.0.2.1"],
    ["192.0.2.1:5432", "192.0.2.1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["unknown", null],
    ["", null],
    [undefined, null],
  ])("%s reads as %s", (raw, plain) => {
    expect(normalizeAddress(raw)).toBe(plain);
  });
});

describe("resolveClientIp", () => {
  it("ignores X-Forwarded-For when no proxy is trusted: a client cannot choose its address", () => {
    expect(resolveClientIp("198.51.100.9", "1.2.3.4", none)).toBe("198.51.100.9");
    expect(resolveClientIp("::ffff:198.51.100.9", undefined, none)).toBe("198.51.100.9");
  });

  it("ignores the header from a peer that is not a trusted proxy", () => {
    expect(resolveClientIp("198.51.100.9", "1.2.3.4", loopback)).toBe("198.51.100.9");
  });

  it("believes the entry a trusted proxy appended, not what the client wrote before it", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(resolveClientIp("127.0.0.1", "1.2.3.4, 198.51.100.9", loopback)).toBe("198.51.100.9");
    expect(resolveClientIp("::1", "198.51.100.9", loopback)).toBe("198.51.100.9");
  });

  it("walks through several trusted hops, and stops at the first untrusted one", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 192.0.2.10");
    // client -> CDN edge (192.0.2.10) -> load balancer (10.0.0.5) -> app (peer 10.0.0.6)
    expect(resolveClientIp("10.0.0.6", "203.0.113.50, 192.0.2.10, 10.0.0.5", trusted)).toBe("203.0.113.50");
    expect(resolveClientIp("10.0.0.6", "6.6.6.6, 203.0.113.50, 192.0.2.10, 10.0.0.5", trusted)).toBe("203.0.113.50");
    // Headers repeated on several lines count as one list.
    expect(resolveClientIp("10.0.0.6", ["203.0.113.50", "192.0.2.10, 10.0.0.5"], trusted)).toBe("203.0.113.50");
  });

  it("answers the leftmost address when every hop is trusted", () => {
    expect(resolveClientIp("127.0.0.1", "127.0.0.2, 127.0.0.3", loopback)).toBe("127.0.0.2");
  });

  it("stops at a malformed entry, keeping the last trusted address", () => {
    expect(resolveClientIp("127.0.0.1", "198.51.100.9, garbage", loopback)).toBe("127.0.0.1");
    expect(resolveClientIp("127.0.0.1", "", loopback)).toBe("127.0.0.1");
  });

  it("reads IPv6 addresses, with brackets and ports as some proxies write them", () => {
    const trusted = parseTrustedProxies("2001:db8:ffff::/48");
    expect(resolveClientIp("2001:db8:ffff::2", "2001:db8:1::7, [2001:db8:ffff::1]:8080", trusted)).toBe("2001:db8:1::7");
    expect(resolveClientIp("2001:db8:ffff::2", "192.0.2.1:1234", trusted)).toBe("192.0.2.1");
  });

  it("is null without a usable socket address", () => {
    expect(resolveClientIp(undefined, "1.2.3.4", loopback)).toBeNull();
  });
});

describe("clientIp", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("takes the address the production server decided, whatever X-Forwarded-For says", () => {
    expect(clientIp(headers({ [CLIENT_IP_HEADER]: "198.51.100.9", "x-forwarded-for": "1.2.3.4" }))).toBe("198.51.100.9");
    expect(clientIp(headers({ [CLIENT_IP_HEADER]: "unknown" }))).toBeNull();
  });

  it("without the server (next dev), uses the last X-Forwarded-For entry as the peer", () => {
    expect(clientIp(headers({ "x-forwarded-for": "1.2.3.4, 198.51.100.9" }))).toBe("198.51.100.9");
    expect(clientIp(headers({}))).toBeNull();
  });
});
