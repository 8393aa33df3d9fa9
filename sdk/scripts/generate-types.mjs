// Makes sdk/src/schema.ts, the client's types, from sdk/openapi.json with openapi-typescript.
// The SDK's build runs it; test/sdk-schema.test.ts checks that both files match the server.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";

const HEADER = "// Generated from sdk/openapi.json by openapi-typescript (npm run build in sdk/): do not edit.\n";

export async function typesOf(document) {
  return HEADER + astToString(await openapiTS(document));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, "..");
  const document = JSON.parse(readFileSync(path.join(root, "openapi.json"), "utf8"));
  writeFileSync(path.join(root, "src", "schema.ts"), await typesOf(document));
}
