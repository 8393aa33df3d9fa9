import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./import-graph";

// The SDK's typed client (sdk/src/client.ts) takes its types from the OpenAPI document:
// sdk/openapi.json is the document, and sdk/src/schema.ts the types openapi-typescript makes of it
// (the SDK's build makes them again). These fail when either drifts from what the server serves;
// `UPDATE_SDK_SCHEMA=1 npx vitest run test/sdk-schema.test.ts` writes both afresh.

const { openApiDocument } = await import("../lib/http/api/openapi");

const DOCUMENT = path.join(ROOT, "sdk", "openapi.json");
const TYPES = path.join(ROOT, "sdk", "src", "schema.ts");
const { typesOf } = (await import("../sdk/scripts/generate-types.mjs")) as { typesOf: (document: unknown) => Promise<string> };

describe("the SDK's types", () => {
  it("come from the document the server serves", async () => {
    const document = `${JSON.stringify(openApiDocument(), null, 2)}\n`;
    if (process.env.UPDATE_SDK_SCHEMA) writeFileSync(DOCUMENT, document);
    expect(readFileSync(DOCUMENT, "utf8")).toBe(document);
  });

  it("are what openapi-typescript makes of it", async () => {
    const types = await typesOf(JSON.parse(readFileSync(DOCUMENT, "utf8")));
    if (process.env.UPDATE_SDK_SCHEMA) writeFileSync(TYPES, types);
    expect(readFileSync(TYPES, "utf8")).toBe(types);
  });
});
