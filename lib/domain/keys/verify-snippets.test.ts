import { describe, expect, it } from "vitest";
import { VERIFIER_KEY_VARIABLE, verifySnippets } from "./verify-snippets";

const input = { baseUrl: "https://latchkey.example.com", projectId: "prj_3fA9xQ2bc", scopes: ["invoices:read", "invoices:write"] };

describe("verifySnippets", () => {
  it("gives the SDK's, curl, Python requests and Go net/http, each naming the project, the scopes and Latchkey", () => {
    const snippets = verifySnippets(input);
    expect(snippets.map((s) => s.id)).toEqual(["sdk", "curl", "python", "go"]);
    for (const { id, code } of snippets) {
      expect(code, id).toContain("https://latchkey.example.com");
      if (id !== "sdk") expect(code, id).toContain("/v1/api-keys/verify");
      expect(code, id).toContain(input.projectId);
      expect(code, id).toContain(VERIFIER_KEY_VARIABLE);
      for (const scope of input.scopes) expect(code, id).toContain(scope);
    }
  });

  it("holds no key: only placeholders for the verifier key and the key being verified", () => {
    for (const { id, code } of verifySnippets({ ...input, scopes: [] })) {
      expect(code, id).not.toMatch(/lk_(app|live|test)_[0-9A-Za-z]{8}/);
      expect(code, id).not.toMatch(/"scopes"|scopes:/);
    }
  });
});
