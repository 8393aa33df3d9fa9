import { describe, expect, it } from "vitest";

process.env.LATCHKEY_SECRET = "test-server-secret-for-the-secret-box";
const { deriveBoxKey, open, seal, SecretBoxError } = await import("./secret-box");

const key = "lk_live_3fA9xQ2bAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefgh123456";

describe("secret box", () => {
  it("round-trips, with a fresh IV each time, and never shows the plaintext", () => {
    const first = seal(key, "msg_1");
    const second = seal(key, "msg_1");
    expect(first).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("3fA9xQ2b");
    expect(open(first, "msg_1")).toBe(key);
    expect(open(second, "msg_1")).toBe(key);
    expect(open(seal("", "empty"), "empty")).toBe("");
  });

  it("detects a changed ciphertext, IV or tag", () => {
    const sealed = seal(key, "msg_1");
    const [version, iv, ciphertext, tag] = sealed.split(".") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0]! ^= 1;
      return bytes.toString("base64url");
    };
    for (const tampered of [
      [version, iv, flip(ciphertext), tag],
      [version, flip(iv), ciphertext, tag],
      [version, iv, ciphertext, flip(tag)],
    ]) {
      expect(() => open(tampered.join("."), "msg_1")).toThrow(SecretBoxError);
    }
    expect(() => open(`v2.${iv}.${ciphertext}.${tag}`, "msg_1")).toThrow(/known version/);
    expect(() => open("garbage", "msg_1")).toThrow(SecretBoxError);
  });

  it("does not open under another context", () => {
    expect(() => open(seal(key, "msg_1"), "msg_2")).toThrow(SecretBoxError);
  });

  it("does not open under a key derived from another server secret", () => {
    const mine = deriveBoxKey("secret one");
    const theirs = deriveBoxKey("secret two");
    expect(mine).toHaveLength(32);
    const sealed = seal(key, "msg_1", mine);
    expect(open(sealed, "msg_1", mine)).toBe(key);
    expect(() => open(sealed, "msg_1", theirs)).toThrow(SecretBoxError);
    // The default key comes from LATCHKEY_SECRET.
    expect(() => open(sealed, "msg_1")).toThrow(SecretBoxError);
    expect(open(seal(key, "msg_1", deriveBoxKey(process.env.LATCHKEY_SECRET!)), "msg_1")).toBe(key);
  });
});
