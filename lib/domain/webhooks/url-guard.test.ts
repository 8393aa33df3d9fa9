import { createServer } from "node:http";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  addressClass,
  checkWebhookTarget,
  checkWebhookUrl,
  guardedLookup,
  HTTPS_REQUIRED,
  parseAllowList,
  type WebhookTargetPolicy,
} from "./url-guard";

const production: WebhookTargetPolicy = { production: true, allow: parseAllowList("") };
const development: WebhookTargetPolicy = { production: false, allow: parseAllowList("") };

/** A resolver that answers from a table, as a hostile DNS server might. */
function fakeDns(table: Record<string, string[]>) {
  return (
    hostname: string,
    _options: { all: true },
    callback: (error: NodeJS.ErrnoException | null, addresses: { address: string; family: number }[]) => void,
  ) => {
    const addresses = table[hostname];
    if (!addresses) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), []);
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );
  };
}

describe("addressClass", () => {
  it.each([
    ["8.8.8.8", null],
    ["2606:4700::1111", null],
    ["127.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.10", "private"],
    ["169.254.169.254", "cloud metadata"],
    ["fd00:ec2::254", "cloud metadata"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["fd12:3456::1", "unique-local"],
    ["0.0.0.0", "reserved"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a9fe:a9fe", "cloud metadata"],
    ["64:ff9b::a00:1", "reserved"],
    ["224.0.0.1", "multicast"],
  ])("%s is %s", (address, expected) => {
    expect(addressClass(address)).toBe(expected);
  });
});

describe("checkWebhookUrl", () => {
  it("wants https, and http only to loopback outside production", () => {
    expect(checkWebhookUrl("https://hooks.example.com/latchkey", production).ok).toBe(true);
    expect(checkWebhookUrl("http://hooks.example.com/latchkey", development)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/https/),
    });
    expect(checkWebhookUrl("http://localhost:4000/hook", development).ok).toBe(true);
    expect(checkWebhookUrl("http://127.0.0.1:4000/hook", development).ok).toBe(true);
    expect(checkWebhookUrl("http://[::1]:4000/hook", development).ok).toBe(true);
    expect(checkWebhookUrl("http://localhost:4000/hook", production).ok).toBe(false);
    expect(checkWebhookUrl("ftp://example.com", development).ok).toBe(false);
    expect(checkWebhookUrl("not a url", development).ok).toBe(false);
  });

  it("gives one wording for a refused scheme, in production and outside it", () => {
    for (const [url, policy] of [
      ["http://localhost:4000/hook", production],
      ["http://hooks.example.com/latchkey", development],
      ["http://hooks.example.com/latchkey", production],
      ["ftp://example.com/", development],
    ] as const) {
      expect(checkWebhookUrl(url, policy), url).toEqual({ ok: false, reason: HTTPS_REQUIRED });
    }
  });

  it("refuses localhost and any *.localhost name when entered in production, as a loopback address is", () => {
    for (const url of ["https://localhost/hook", "https://LOCALHOST./hook", "https://foo.localhost/hook", "https://a.b.localhost:8443/x"]) {
      expect(checkWebhookUrl(url, production), url).toMatchObject({ ok: false, reason: expect.stringMatching(/loopback/) });
      expect(checkWebhookUrl(url, development).ok, url).toBe(true);
    }
    // Only naming the host allows it: an allowed loopback range does not say what localhost resolves to.
    expect(checkWebhookUrl("https://localhost/hook", { production: true, allow: parseAllowList("localhost") }).ok).toBe(true);
    expect(checkWebhookUrl("https://localhost/hook", { production: true, allow: parseAllowList("127.0.0.1") }).ok).toBe(false);
    expect(checkWebhookUrl("https://notlocalhost.example/hook", production).ok).toBe(true);
  });

  it("refuses address literals in special ranges, in any spelling", () => {
    for (const url of [
      "https://169.254.169.254/latest/meta-data",
      "https://10.0.0.1/",
      "https://[fd00::1]/",
      "https://[::ffff:192.168.1.1]/",
      "https://0x7f.1/",
      "https://2130706433/",
      "https://127.0.0.1/",
    ]) {
      expect(checkWebhookUrl(url, production), url).toMatchObject({ ok: false });
    }
    expect(checkWebhookUrl("https://93.184.215.14/", production).ok).toBe(true);
  });

  it("lets the operator's allow-list through, by host or by range", () => {
    const allow = parseAllowList("hooks.internal, 10.20.0.0/16 fd00::/8 192.168.1.7");
    const policy = { production: true, allow };
    expect(checkWebhookUrl("https://10.20.3.4/", policy).ok).toBe(true);
    expect(checkWebhookUrl("https://10.21.3.4/", policy).ok).toBe(false);
    expect(checkWebhookUrl("https://[fd00::5]/", policy).ok).toBe(true);
    expect(checkWebhookUrl("https://192.168.1.7/", policy).ok).toBe(true);
    expect(checkWebhookUrl("https://192.168.1.8/", policy).ok).toBe(false);
    expect(() => parseAllowList("10.0.0.0/33")).toThrow(/prefix/);
    expect(() => parseAllowList("example.com/8")).toThrow(/CIDR/);
  });
});

describe("checkWebhookTarget", () => {
  const dns = fakeDns({
    "hooks.example.com": ["93.184.215.14"],
    "sneaky.example.com": ["93.184.215.14", "10.0.0.8"],
    "metadata.example.com": ["169.254.169.254"],
    "hooks.internal": ["10.9.9.9"],
    "loop.example.com": ["127.0.0.1"],
  });

  it("refuses a host when any of its addresses is special", async () => {
    expect((await checkWebhookTarget("https://hooks.example.com/x", production, dns)).ok).toBe(true);
    expect(await checkWebhookTarget("https://sneaky.example.com/x", production, dns)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("10.0.0.8, a private address"),
    });
    expect(await checkWebhookTarget("https://metadata.example.com/x", production, dns)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("cloud metadata"),
    });
    expect(await checkWebhookTarget("https://nowhere.example.com/x", production, dns)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("ENOTFOUND"),
    });
  });

  it("allows loopback only outside production, and allow-listed hosts always", async () => {
    expect((await checkWebhookTarget("https://loop.example.com/x", production, dns)).ok).toBe(false);
    expect((await checkWebhookTarget("https://loop.example.com/x", development, dns)).ok).toBe(true);
    expect((await checkWebhookTarget("https://hooks.internal/x", production, dns)).ok).toBe(false);
    expect(
      (await checkWebhookTarget("https://hooks.internal/x", { production: true, allow: parseAllowList("hooks.internal") }, dns)).ok,
    ).toBe(true);
  });
});

describe("guardedLookup", () => {
  it("stops a real connection to a refused address before any byte is sent", async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const send = (policy: WebhookTargetPolicy) =>
      new Promise<string>((resolve) => {
        const req = request({ host: "localhost", port, path: "/", lookup: guardedLookup(policy) }, (res) =>
          resolve(String(res.statusCode)),
        );
        req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
        req.end();
      });
    try {
      expect(await send(production)).toBe("ERR_WEBHOOK_TARGET_REFUSED");
      expect(requests).toBe(0);
      expect(await send(development)).toBe("200");
      expect(requests).toBe(1);
    } finally {
      server.close();
    }
  });
});
