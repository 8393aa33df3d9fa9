import { describe, expect, it } from "vitest";
import { createApiKeySchema, listApiKeysQuerySchema, rotateApiKeySchema, updateApiKeySchema } from "../../domain/keys/schemas";
import { MAX_BODY_BYTES, parseJsonBody, parseQuery } from "./body";
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
    const input = await parseJsonBody(
      post(JSON.stringify({ project_id: "prj_1", name: " svc ", scopes: ["a", "a", "b"], expires_at: "2030-01-01T00:00:00Z" })),
      createApiKeySchema,
    );
    expect(input).toEqual({ project_id: "prj_1", name: "svc", scopes: ["a", "b"], expires_at: new Date("2030-01-01T00:00:00Z") });
  });

  it("names each bad field, unknown ones included", async () => {
    const result = await failure(
      parseJsonBody(post(JSON.stringify({ name: 5, teamId: "team_x", scopes: ["ok", "no spaces"] })), createApiKeySchema),
    );
    expect(result.code).toBe("invalid_request");
    expect(result.details?.map((d) => d.field).sort()).toEqual(["name", "project_id", "scopes.1", "teamId"]);
  });

  it("refuses malformed JSON with 400, a non-JSON media type with 415, and a big body with 413", async () => {
    expect((await failure(parseJsonBody(post("{nope"), createApiKeySchema))).code).toBe("invalid_json");
    expect(
      (await failure(parseJsonBody(post("name=x", { "content-type": "application/x-www-form-urlencoded" }), createApiKeySchema))).code,
    ).toBe("unsupported_media_type");
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
    expect((await failure(parseJsonBody(post('{"grace_period_seconds":2592001}'), rotateApiKeySchema))).details?.[0]?.field).toBe(
      "grace_period_seconds",
    );
    expect((await failure(parseJsonBody(post('{"grace_period_seconds":1.5}'), rotateApiKeySchema))).code).toBe("invalid_request");
    expect(
      (await failure(parseJsonBody(post('{"rotation_webhook_url":"ftp://example.com/x"}'), updateApiKeySchema))).details?.[0]?.field,
    ).toBe("rotation_webhook_url");
    expect(await parseJsonBody(post('{"rotation_webhook_url":"http://localhost:9000/x"}'), updateApiKeySchema)).toEqual({
      rotation_webhook_url: "http://localhost:9000/x",
    });
  });

  it("refuses a webhook URL that is not a URL at all with 400 naming the field, on create and on update", async () => {
    const notUrls = [
      "not a url",
      "http://",
      "https://",
      "//example.com/x",
      "https://hooks.example.com/a b",
      "https://hooks.example.com/\n",
      `https://${"a".repeat(10_000)}.com/`,
      "a".repeat(10_000),
    ];
    for (const url of notUrls) {
      for (const [schema, body] of [
        [updateApiKeySchema, { rotation_webhook_url: url }],
        [createApiKeySchema, { project_id: "prj_1", name: "svc", rotation_webhook_url: url }],
      ] as const) {
        const result = await failure(parseJsonBody(post(JSON.stringify(body)), schema));
        expect(result, url).toMatchObject({ code: "invalid_request", details: [{ field: "rotation_webhook_url" }] });
      }
    }
  });

  it("refuses a lone UTF-16 surrogate in any string field, naming the field", async () => {
    const cases = [
      ['{"project_id":"prj_1","name":"x\\ud800y"}', createApiKeySchema, "name"],
      ['{"name":"x\\udc00"}', updateApiKeySchema, "name"],
      ['{"scopes":["ok","\\ud83d"]}', updateApiKeySchema, "scopes.1"],
      ['{"project_id":"prj_\\udfff","name":"x"}', createApiKeySchema, "project_id"],
    ] as const;
    for (const [text, schema, field] of cases) {
      expect(await failure(parseJsonBody(post(text), schema)), text).toMatchObject({ code: "invalid_request", details: [{ field }] });
    }
    expect(await failure(parseJsonBody(post('{"name":"a\\u0000b"}'), updateApiKeySchema))).toMatchObject({
      code: "invalid_request",
      details: [{ field: "name", message: expect.stringMatching(/NUL/) }],
    });
    // A whole pair is a character like any other.
    expect(await parseJsonBody(post('{"name":"key \\ud83d\\ude00"}'), updateApiKeySchema)).toEqual({ name: "key \u{1F600}" });
  });

  it("refuses a body nested many thousands of levels deep as invalid, without running out of stack", async () => {
    for (const text of ["[".repeat(100_000) + "]".repeat(100_000), '{"name":'.repeat(100_000) + '"x"' + "}".repeat(100_000)]) {
      expect((await failure(parseJsonBody(post(text), updateApiKeySchema))).code).toBe("invalid_request");
    }
  });

  it("refuses bytes that are not UTF-8 instead of storing U+FFFD", async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    expect((await failure(parseJsonBody(post(bytes), updateApiKeySchema))).code).toBe("invalid_json");
    const overlong = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]);
    expect((await failure(parseJsonBody(post(overlong), updateApiKeySchema))).code).toBe("invalid_json");
    expect(await parseJsonBody(post(Buffer.from('{"name":"café"}')), updateApiKeySchema)).toEqual({ name: "café" });
  });
});

describe("parseQuery", () => {
  const get = (query: string) => new Request(`http://localhost/v1/api-keys${query}`);

  it("refuses a parameter whose percent-encoding is not UTF-8, naming it", () => {
    for (const query of ["?project_id=%ff", "?project_id=%", "?project_id=%E0%A4%A", "?project_id=%ED%A0%80"]) {
      let caught: unknown;
      try {
        parseQuery(get(query), listApiKeysQuerySchema);
      } catch (error) {
        caught = error;
      }
      expect(caught, query).toBeInstanceOf(ApiError);
      expect((caught as ApiError).details?.[0]?.field, query).toBe("project_id");
    }
    expect(parseQuery(get("?project_id=prj_%C3%A9+x"), listApiKeysQuerySchema)).toEqual({ project_id: "prj_é x", limit: 100 });
  });
});
