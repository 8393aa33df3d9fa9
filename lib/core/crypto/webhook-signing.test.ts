import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateSigningSecret, sign, signatureHeaders } from "./webhook-signing";

// Every signature is checked with the reference implementation, not with code written here.

const body = JSON.stringify({ type: "api_key.rotated", data: { key: "lk_live_x" } });

describe("signatureHeaders", () => {
  it("produces headers that the standardwebhooks package verifies", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = signatureHeaders([secret], { id: "msg_1", timestamp: new Date(), body });
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it("matches the spec's own example signature", () => {
    // The example from the Standard Webhooks specification and its reference test suite.
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const message = { id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: new Date(1614265330 * 1000), body: '{"test": 2432232314}' };
    expect(sign(secret, message)).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("signs with every secret given, and either one verifies", () => {
    const [current, previous] = [generateSigningSecret(), generateSigningSecret()];
    const headers = signatureHeaders([current, previous], { id: "msg_2", timestamp: new Date(), body });
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
  });

  it("is refused for another secret, a changed body, id or timestamp", () => {
    const secret = generateSigningSecret();
    const headers = signatureHeaders([secret], { id: "msg_3", timestamp: new Date(), body });
    const verify = (s: string, b: string, h: Record<string, string>) => () => new Webhook(s).verify(b, h);
    expect(verify(generateSigningSecret(), body, headers)).toThrow(WebhookVerificationError);
    expect(verify(secret, body.replace("lk_live_x", "lk_live_y"), headers)).toThrow(WebhookVerificationError);
    expect(verify(secret, body, { ...headers, "webhook-id": "msg_4" })).toThrow(WebhookVerificationError);
    const later = String(Number(headers["webhook-timestamp"]) + 1);
    expect(verify(secret, body, { ...headers, "webhook-timestamp": later })).toThrow(WebhookVerificationError);
  });

  it("refuses a secret without the whsec_ prefix", () => {
    expect(() => signatureHeaders(["not-a-secret"], { id: "msg_5", timestamp: new Date(), body })).toThrow(/whsec_/);
  });
});
