import { afterEach, describe, expect, it } from "vitest";
import { fake, stopFake, valid } from "../test/fake-latchkey";
import { generateKey } from "../../lib/core/crypto/key-secret";
import { answerFrom, clientAddress, clientUserAgent, createVerifier, LatchkeyUnavailableError } from "./index";

// The verifier against a stand-in for Latchkey whose answers and change stream the test drives:
// what it caches, what evicts, when it stops trusting the cache, and how long a cached answer
// stands while Latchkey is down. The real server is exercised in e2e/server/sdk.spec.ts.

const until = async (check: () => boolean, ms = 2_000) => {
  for (const end = Date.now() + ms; !check();) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

afterEach(stopFake);

describe("createVerifier", () => {
  it("asks once, then answers from memory while the stream is live, checking scopes locally", async () => {
    const latchkey = await fake();
    const verifier = createVerifier({ baseUrl: latchkey.url, apiKey: "lk_app_test" });
    await until(() => verifier.stats().streamLive);
    const key = generateKey("live").plaintext;
    expect(await verifier.verify(key)).toEqual(valid("key_1"));
    expect(await verifier.verify(key)).toEqual(valid("key_1"));
    expect(await verifier.verify(key, { scopes: ["write"] })).toMatchObject({ valid: false, code: "INSUFFICIENT_SCOPES" });
    expect(latchkey.verifies).toBe(1);
    expect(verifier.stats()).toMatchObject({ hits: 2, misses: 1, entries: 1, streamConnected: true });
    verifier.close();
  });

  it("sends the client's ip and user agent, and asks every time for a verdict that holds for that address only", async () => {
    const latchkey = await fake();
    const verifier = createVerifier({ baseUrl: latchkey.url, apiKey: "lk_app_test", usageReportMs: 60_000 });
    await until(() => verifier.stats().streamLive);
    const key = generateKey("live").plaintext;
    latchkey.answerHeaders = { "Latchkey-Cache": "no-store" };
    const client = { ip: "203.0.113.7", userAgent: "billing/2.1" };
    expect(await verifier.verify(key, client)).toEqual(valid("key_1"));
    expect(latchkey.lastVerify).toEqual({ key, ip: "203.0.113.7", user_agent: "billing/2.1" });
    await verifier.verify(key, client);
    expect(latchkey.verifies).toBe(2);
    expect(verifier.stats().entries).toBe(0);
    // Without the header the answer is kept, and the cached use reports where it came from.
    latchkey.answerHeaders = {};
    await verifier.verify(key, client);
    await verifier.verify(key, { ip: "198.51.100.1", userAgent: "other/1" });
    expect(latchkey.verifies).toBe(3);
    await verifier.close();
    expect(latchkey.reports).toEqual([
      { keys: [expect.objectContaining({ key_id: "key_1", valid: 1, last_ip: "198.51.100.1", last_user_agent: "other/1" })] },
    ]);
  });

  it("sends only an address and a user agent the server takes", () => {
    expect(["203.0.113.7", "[2001:DB8::1]:443", "203.0.113.7:8080", "::1"].map(clientAddress)).toEqual([
      "203.0.113.7",
      "2001:db8::1",
      "203.0.113.7",
      "::1",
    ]);
    expect(["203.0.113.7, 10.0.0.1", "unknown", "", undefined, "999.1.1.1"].map(clientAddress)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const long = `${"a".repeat(511)}\u{1F600}`;
    expect(clientUserAgent(long)).toBe("a".repeat(511));
    expect(clientUserAgent("x\ud800y")).toBe("xy");
  });

  it("refuses a malformed key and an app key without asking", async () => {
    const latchkey = await fake();
    const verifier = createVerifier({ baseUrl: latchkey.url, apiKey: "lk_app_test" });
    const key = generateKey("live").plaintext;
    // The last character changed to another one (a key may end in "x").
    expect(await verifier.verify(`${key.slice(0, -1)}${key.endsWith("x") ? "y" : "x"}`)).toMatchObject({
      valid: false,
      code: "MALFORMED",
      key_id: null,
    });
    expect(await verifier.verify(`lk_live_${"A".repeat(57)}`)).toMatchObject({ code: "MALFORMED" });
    expect(await verifier.verify(generateKey("app").plaintext)).toMatchObject({ code: "NOT_FOUND" });
    // Strings the server would refuse as input are never keys, in any format.
    for (const unusable of ["", "a\0b", "x\ud800", "k".repeat(513)])
      expect(await verifier.verify(unusable)).toMatchObject({ code: "MALFORMED" });
    expect(latchkey.verifies).toBe(0);
    verifier.close();
  });

  it("asks about a string in another format (it may be an imported key) until Latchkey says the app has none, and again after a reset", async () => {
    const latchkey = await fake();
    const verifier = createVerifier({ baseUrl: latchkey.url, apiKey: "lk_app_test" });
    await until(() => verifier.stats().streamLive);
    // An imported key: answered and cached like any other, by its hash.
    expect(await verifier.verify("sk_home_grown_1")).toEqual(valid("key_1"));
    expect(await verifier.verify("sk_home_grown_1")).toEqual(valid("key_1"));
    expect(latchkey.verifies).toBe(1);
    const malformed = {
      ...valid("key_1"),
      valid: false,
      code: "MALFORMED" as const,
      key_id: null,
      project_id: null,
      environment_id: null,
      scopes: [],
    };
    latchkey.answer = malformed;
    expect(await verifier.verify("not a key")).toMatchObject({ code: "MALFORMED" });
    expect(await verifier.verify("nor this")).toMatchObject({ code: "MALFORMED" });
    expect(latchkey.verifies).toBe(2);
    // While Latchkey is down it still refuses them itself.
    latchkey.answer = "down";
    latchkey.beat = false;
    await until(() => !verifier.stats().streamLive, 1_500);
    expect(await verifier.verify("nor this")).toMatchObject({ code: "MALFORMED" });
    latchkey.beat = true;
    await until(() => verifier.stats().streamLive);
    // An import resets the stream: the next such string is asked about again.
    latchkey.answer = valid("key_9");
    latchkey.send("id: 7\nevent: reset\ndata: {}\n\n");
    await until(() => verifier.stats().entries === 0);
    expect(await verifier.verify("nor this")).toEqual(valid("key_9"));
    // (The call while the stream was silent asked too, and found Latchkey down.)
    expect(latchkey.verifies).toBe(4);
    verifier.close();
  });

  it("forgets a key the stream names, and everything on reset", async () => {
    const latchkey = await fake();
    const verifier = createVerifier({ baseUrl: latchkey.url, apiKey: "lk_app_test" });
    await until(() => verifier.stats().streamLive);
    const [one, two] = [generateKey("live").plaintext, generateKey("live").plaintext];
    await verifier.verify(one);
    latchkey.answer = valid("key_2");
    await verifier.verify(two);
    expect(verifier.stats().entries).toBe(2);
    latchkey.send('id: 5\ndata: {"key_id":"key_1","change":"revoked"}\n\n');
    await until(() => verifier.stats().entries === 1);
    latchkey.answer = { ...valid("key_1"), valid: false, code: "REVOKED" };
    expect(await verifier.verify(one)).toMatchObject({ code: "REVOKED" });
    latchkey.send("id: 6\nevent: reset\ndata: {}\n\n");
    await until(() => verifier.stats().entries === 0);
    verifier.close();
  });

  it("goes over the network while the stream is silent, and trusts the cache again once it speaks", async () => {
    const latchkey = await fake();
    const verifier = createVerifier({ baseUrl: latchkey.url, apiKey: "lk_app_test" });
    await until(() => verifier.stats().streamLive);
    const key = generateKey("live").plaintext;
    await verifier.verify(key);
    latchkey.beat = false;
    await until(() => !verifier.stats().streamLive, 1_500);
    await verifier.verify(key);
    await verifier.verify(key);
    expect(latchkey.verifies).toBe(3);
    latchkey.beat = true;
    await until(() => verifier.stats().streamLive);
    await verifier.verify(key);
    await verifier.verify(key);
    expect(latchkey.verifies).toBe(4);
    verifier.close();
  });

  it("answers from the cache for staleIfErrorSeconds once Latchkey is down, then rejects with a typed error", async () => {
    const latchkey = await fake();
    const verifier = createVerifier({ baseUrl: latchkey.url, apiKey: "lk_app_test", staleIfErrorSeconds: 1 });
    await until(() => verifier.stats().streamLive);
    const key = generateKey("live").plaintext;
    await verifier.verify(key);
    latchkey.beat = false;
    latchkey.answer = "down";
    await until(() => !verifier.stats().streamLive, 1_500);
    expect(await verifier.verify(key)).toMatchObject({ valid: true });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(verifier.verify(key)).rejects.toBeInstanceOf(LatchkeyUnavailableError);
    // A key it never saw has nothing to stand on.
    await expect(verifier.verify(generateKey("live").plaintext)).rejects.toBeInstanceOf(LatchkeyUnavailableError);
    verifier.close();
  });

  it("reports the verifications its cache answered, by key and outcome, when it closes", async () => {
    const latchkey = await fake();
    const verifier = createVerifier({ baseUrl: latchkey.url, apiKey: "lk_app_test" });
    await until(() => verifier.stats().streamLive);
    const key = generateKey("live").plaintext;
    await verifier.verify(key); // asked: Latchkey counted this one itself
    await verifier.verify(key);
    await verifier.verify(key);
    await verifier.verify(key, { scopes: ["write"] });
    await verifier.close();
    expect(latchkey.reports).toEqual([
      {
        keys: [
          {
            key_id: "key_1",
            last_verified_at: expect.any(String),
            valid: 2,
            revoked: 0,
            expired: 0,
            disabled: 0,
            forbidden: 0,
            insufficient_scopes: 1,
          },
        ],
      },
    ]);
  });

  it("with cache: false, asks every time", async () => {
    const latchkey = await fake();
    const verifier = createVerifier({ baseUrl: latchkey.url, apiKey: "lk_app_test", cache: false });
    const key = generateKey("live").plaintext;
    await verifier.verify(key);
    await verifier.verify(key);
    expect(latchkey.verifies).toBe(2);
    expect(latchkey.streams).toHaveLength(0);
    verifier.close();
  });
});

describe("answerFrom", () => {
  it("ends a cached key at its expiry and at its grace end, against the clock", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    expect(answerFrom(valid("k", { expires_at: "2029-12-31T23:59:59.000Z" }), undefined, now)).toMatchObject({
      valid: false,
      code: "EXPIRED",
    });
    expect(answerFrom(valid("k", { grace_expires_at: "2030-01-01T00:00:00.000Z" }), undefined, now)).toMatchObject({ code: "EXPIRED" });
    expect(answerFrom(valid("k", { expires_at: "2031-01-01T00:00:00.000Z" }), ["read"], now)).toMatchObject({ valid: true, code: "VALID" });
    const insufficient = { ...valid("k"), valid: false, code: "INSUFFICIENT_SCOPES" as const };
    expect(answerFrom(insufficient, [], now)).toMatchObject({ valid: true, code: "VALID" });
  });
});
