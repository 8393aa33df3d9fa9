import { describe, expect, it } from "vitest";
import { createApiKeySchema, rotateApiKeySchema, updateApiKeySchema } from "../keys/schemas";
import { MAX_BODY_BYTES, parseJsonBody } from "./body";
import { ApiError } from "./errors";

function post(body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Request("http://localhost/v1/api-keys", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error("expected the body to be refused");
}

describe("parseJsonBody", () => {
  it("parses a valid body and drops nothing the schema allows", async () => {
    const input = await parseJsonBody(post(JSON.stringify({ project_id: "prj_1", name: " svc ", scopes: ["a", "a", "b"], expires_at: "2030-01-01T00:00:00Z" })), createApiKeySchema);
    expect(input).toEqual({ project_id: "prj_1", name: "svc", scopes: ["a", "b"], expires_at: new Date("2030-01-01T00:00:00Z") });
  });

  it("names each bad field, unknown ones included", async () => {
    const result = await failure(parseJsonBody(post(JSON.stringify({ name: 5, teamId: "team_x", scopes: ["ok", "no spaces"] })), createApiKeySchema));
    expect(result.code).toBe("invalid_request");
    expect(result.details?.map((d) => d.field).sort()).toEqual(["name", "project_id", "scopes.1", "teamId"]);
  });

  it("refuses malformed JSON with 400, a non-JSON media type with 415, and a big body with 413", async () => {
    expect((await failure(parseJsonBody(post("{nope"), createApiKeySchema))).code).toBe("invalid_json");
    expect((await failure(parseJsonBody(post("name=x", { "content-type": "application/x-www-form-urlencoded" }), createApiKeySchema))).code).toBe("unsupported_media_type");
    expect((await failure(parseJsonBody(post('{"name":"x"}', {}), createApiKeySchema))).code).toBe("unsupported_media_type");
    const big = JSON.stringify({ name: "x".repeat(MAX_BODY_BYTES) });
    expect((await failure(parseJsonBody(post(big), createApiKeySchema))).code).toBe("payload_too_large");
  });

  it("counts a body streamed without Content-Length against the limit", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    expect((await failure(parseJsonBody(post(stream), createApiKeySchema))).code).toBe("payload_too_large");
  });

  it("accepts an empty body where every field is optional, and refuses one where a field is required", async () => {
    expect(await parseJsonBody(post(null, {}), rotateApiKeySchema)).toEqual({});
    expect((await failure(parseJsonBody(post(null, {}), createApiKeySchema))).code).toBe("invalid_request");
    expect((await failure(parseJsonBody(post("{}"), updateApiKeySchema))).code).toBe("invalid_request");
  });

  it("bounds the grace period and the webhook URL", async () => {
    expect((await failure(parseJsonBody(post('{"grace_period_seconds":2592001}'), rotateApiKeySchema))).details?.[0]?.field).toBe("grace_period_seconds");
    expect((await failure(parseJsonBody(post('{"grace_period_seconds":1.5}'), rotateApiKeySchema))).code).toBe("invalid_request");
    expect((await failure(parseJsonBody(post('{"rotation_webhook_url":"http://example.com/x"}'), updateApiKeySchema))).details?.[0]?.field).toBe("rotation_webhook_url");
    expect(await parseJsonBody(post('{"rotation_webhook_url":"http://localhost:9000/x"}'), updateApiKeySchema)).toEqual({ rotation_webhook_url: "http://localhost:9000/x" });
  });
});
