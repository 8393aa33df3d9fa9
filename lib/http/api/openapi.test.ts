import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { SEED_API_KEY_FIELDS } from "../../../test/helpers/contract";
import { openApiDocument } from "./openapi";

describe("openApiDocument", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument() as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents every public operation", () => {
    const doc = openApiDocument();
    const operations = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item)
        .filter((k) => k !== "parameters")
        .map((method) => `${method.toUpperCase()} ${p}`),
    );
    expect(operations.sort()).toEqual(
      [
        "GET /v1/apps/{app_id}/api-keys",
        "POST /v1/apps/{app_id}/api-keys",
        "GET /v1/apps/{app_id}/api-keys/{api_key_id}",
        "PATCH /v1/apps/{app_id}/api-keys/{api_key_id}",
        "DELETE /v1/apps/{app_id}/api-keys/{api_key_id}",
        "GET /v1/api-keys",
        "GET /v1/apps/{app_id}/audit-events",
        "POST /v1/api-keys",
        "GET /v1/api-keys/{keyID}",
        "PATCH /v1/api-keys/{keyID}",
        "DELETE /v1/api-keys/{keyID}",
        "POST /v1/api-keys/{keyID}/rotate",
        "POST /v1/api-keys/{keyID}/credits",
        "POST /v1/api-keys/bulk-revoke",
        "POST /v1/leaks",
        "GET /v1/projects/{project_id}/webhook-endpoints",
        "POST /v1/projects/{project_id}/webhook-endpoints",
        "DELETE /v1/projects/{project_id}/webhook-endpoints/{endpoint_id}",
        "GET /v1/api-keys/{keyID}/usage",
        "POST /v1/api-keys/verify",
        "GET /v1/api-keys/changes",
        "POST /v1/api-keys/usage",
        "GET /v1/projects/{project_id}/key-policy",
        "PATCH /v1/projects/{project_id}/key-policy",
        "POST /v1/projects/{project_id}/webhook-secret/rotate",
        "GET /v1/projects/{project_id}/webhook-deliveries",
        "POST /v1/projects/{project_id}/webhook-deliveries/{message_id}/redeliver",
      ].sort(),
    );
  });

  it("takes its shapes from the zod schemas: the seed's field names, strict bodies", () => {
    const { schemas } = openApiDocument().components;
    expect(Object.keys((schemas.ApiKey as { properties: object }).properties)).toEqual([
      ...SEED_API_KEY_FIELDS,
      "rotation_grace_period_seconds",
      // The lifecycle's fields (issue 16).
      "enabled",
      "disabled_at",
      "disabled_reason",
      "owner_id",
      "meta",
      "ip_allowlist",
      "last_used_ip",
      "last_used_user_agent",
      // Rate limits and credits (issue 17).
      "rate_limits",
      "credits",
      // Keys brought in by `latchkey import` (issue 18).
      "source",
    ]);
    expect(schemas.CreateApiKeyRequest).toMatchObject({ additionalProperties: false, required: ["project_id", "name"] });
    expect(schemas.RotateApiKeyRequest).toMatchObject({
      properties: { grace_period_seconds: { type: "integer", minimum: 0, maximum: 2_592_000 } },
    });
    expect(JSON.stringify(schemas)).not.toMatch(/hash/i);
    expect(schemas.UpdateKeyPolicyRequest).toMatchObject({ additionalProperties: false });
    expect(Object.keys((schemas.WebhookDelivery as { properties: object }).properties)).not.toContain("sealed_key");
  });
});

describe("the lists in the document", () => {
  it("each take limit (1 to 1,000, default 100), cursor and starting_after, and answer a Link header", () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<
        string,
        { get?: { parameters?: { name: string; schema: Record<string, unknown> }[]; responses: Record<string, { headers?: object }> } }
      >;
    };
    const lists = [
      "/v1/api-keys",
      "/v1/apps/{app_id}/api-keys",
      "/v1/apps/{app_id}/audit-events",
      "/v1/projects/{project_id}/webhook-deliveries",
    ];
    for (const list of lists) {
      const get = doc.paths[list]!.get!;
      const params = Object.fromEntries(get.parameters!.map((p) => [p.name, p.schema]));
      expect(params.limit, list).toMatchObject({ type: "integer", minimum: 1, maximum: 1000, default: 100 });
      expect(Object.keys(params), list).toEqual(expect.arrayContaining(["cursor", "starting_after"]));
      expect(get.responses["200"]!.headers, list).toHaveProperty("Link");
    }
  });
});
