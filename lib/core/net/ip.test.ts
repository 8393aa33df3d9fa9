import { describe, expect, it } from "vitest";
import { compileAllowlist } from "./ip-allowlist";
import { allowlistEntryProblem, canonicalEntry, ipVersion, normalizeAddress } from "./ip";

describe("ip", () => {
  it("tells IPv4 from IPv6 from anything else, without node:net", () => {
    expect(["192.0.2.1", "::1", "2001:db8::1", "::ffff:192.0.2.1"].map(ipVersion)).toEqual([4, 6, 6, 6]);
    expect(["256.1.1.1", "01.2.3.4", "1.2.3", "2001:db8::g", ":::", "example.com", "1.2.3.4/8"].map(ipVersion)).toEqual([
      0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it("writes IPv6 in its canonical form and an IPv4-mapped address as IPv4", () => {
    expect(normalizeAddress("2001:0DB8:0000:0000:0000:0000:0000:0001")).toBe("2001:db8::1");
    expect(normalizeAddress("::FFFF:203.0.113.7")).toBe("203.0.113.7");
  });

  it("names what is wrong with an allow-list entry, and stores each in one spelling", () => {
    expect(allowlistEntryProblem("10.0.0.300")).toMatch(/not an IPv4 or IPv6 address/);
    expect(allowlistEntryProblem("10.0.0.0/33")).toMatch(/prefix length \(0 to 32\)/);
    expect(allowlistEntryProblem("2001:db8::/129")).toMatch(/0 to 128/);
    expect(allowlistEntryProblem("10.0.0.0/8/8")).not.toBeNull();
    expect(allowlistEntryProblem("[::1]/128")).not.toBeNull();
    expect(["203.0.113.7/32", "2001:DB8::/32", "10.0.0.0/8", "::1/128"].map(canonicalEntry)).toEqual([
      "203.0.113.7",
      "2001:db8::/32",
      "10.0.0.0/8",
      "::1",
    ]);
  });

  it("compiles a list that admits addresses inside it only, and an empty list that admits all", () => {
    const list = compileAllowlist(["10.0.0.0/8", "2001:db8::/32", "198.51.100.7"]);
    expect(["10.255.0.1", "::ffff:10.1.1.1", "2001:db8:ffff::1", "198.51.100.7"].map((a) => list.allows(a))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(["11.0.0.1", "198.51.100.8", "2001:db9::1", "not an ip", null, undefined].map((a) => list.allows(a))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(compileAllowlist([]).allows(null)).toBe(true);
  });
});
