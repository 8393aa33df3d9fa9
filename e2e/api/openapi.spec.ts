import { Validator } from "@seriousme/openapi-schema-validator";
import { expect, test } from "../fixtures";

test("GET /v1/openapi.json serves a valid OpenAPI 3.1 document", async ({ request }) => {
  const response = await request.get("/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const document = await response.json();
  const result = await new Validator().validate(document);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toContain("/v1/api-keys/{keyID}/rotate");
});
