// The "Verify this key" panel's code samples. They carry the project's id and the key's scopes,
// which are not secrets, and placeholders for both secrets: the verifier app key comes from the
// LATCHKEY_VERIFIER_KEY environment variable, and the key being verified from the request that
// presents it. No sample ever holds a real key. Client-safe: no server imports.

export type VerifySnippetInput = { baseUrl: string; projectId: string; scopes: string[] };
export type VerifySnippet = { id: "sdk" | "curl" | "python" | "go"; label: string; language: string; code: string };

export const VERIFIER_KEY_VARIABLE = "LATCHKEY_VERIFIER_KEY";
export const VERIFIED_KEY_VARIABLE = "API_KEY";

const json = (value: unknown) => JSON.stringify(value);

/** The SDK: repeated checks are answered in memory, and a revoked key is refused within a second (sdk/README.md). */
function sdk({ baseUrl, projectId, scopes }: VerifySnippetInput): string {
  return [
    `// ${VERIFIER_KEY_VARIABLE}: an app key with the verifier role. The key to check comes from your caller.`,
    'import { createVerifier } from "@latchkey/sdk";',
    "",
    `const latchkey = createVerifier({ baseUrl: ${json(baseUrl)}, apiKey: process.env.${VERIFIER_KEY_VARIABLE} });`,
    `const PROJECT_ID = ${json(projectId)};`,
    "",
    "/** True when apiKey is a valid key of this project (and holds the scopes). */",
    "export async function verify(apiKey: string): Promise<boolean> {",
    `  const result = await latchkey.verify(apiKey${scopes.length ? `, { scopes: ${json(scopes)} }` : ""});`,
    "  // A valid key of another project is not a key of this one.",
    "  return result.valid && result.project_id === PROJECT_ID;",
    "}",
  ].join("\n");
}

function curl({ baseUrl, projectId, scopes }: VerifySnippetInput): string {
  const scopesPart = scopes.length ? `,"scopes":${json(scopes)}` : "";
  return [
    `# ${VERIFIER_KEY_VARIABLE}: an app key with the verifier role. ${VERIFIED_KEY_VARIABLE}: the key your caller sent.`,
    `curl -s -X POST ${baseUrl}/v1/api-keys/verify \\`,
    `  -H "Authorization: Bearer $${VERIFIER_KEY_VARIABLE}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"key":"'"$${VERIFIED_KEY_VARIABLE}"'"${scopesPart}}'`,
    `# Accept the request only if "valid" is true and "project_id" is "${projectId}".`,
  ].join("\n");
}

function python({ baseUrl, projectId, scopes }: VerifySnippetInput): string {
  return [
    "import os",
    "",
    "import requests",
    "",
    `LATCHKEY_URL = ${json(baseUrl)}`,
    `PROJECT_ID = ${json(projectId)}`,
    "",
    "",
    "def verify(api_key: str) -> bool:",
    '    """True when api_key is a valid key of this project (and holds the scopes)."""',
    "    response = requests.post(",
    '        f"{LATCHKEY_URL}/v1/api-keys/verify",',
    `        headers={"Authorization": f"Bearer {os.environ['${VERIFIER_KEY_VARIABLE}']}"},`,
    `        json={"key": api_key${scopes.length ? `, "scopes": ${json(scopes)}` : ""}},`,
    "        timeout=5,",
    "    )",
    "    response.raise_for_status()",
    "    result = response.json()",
    "    # A valid key of another project is not a key of this one.",
    '    return result["valid"] and result["project_id"] == PROJECT_ID',
  ].join("\n");
}

function go({ baseUrl, projectId, scopes }: VerifySnippetInput): string {
  const scopesPart = scopes.length ? `, "scopes": []string{${scopes.map(json).join(", ")}}` : "";
  return [
    "package latchkey",
    "",
    "import (",
    '\t"bytes"',
    '\t"encoding/json"',
    '\t"fmt"',
    '\t"net/http"',
    '\t"os"',
    '\t"time"',
    ")",
    "",
    "const (",
    `\tlatchkeyURL = ${json(baseUrl)}`,
    `\tprojectID   = ${json(projectId)}`,
    ")",
    "",
    "var client = &http.Client{Timeout: 5 * time.Second}",
    "",
    "// Verify reports whether apiKey is a valid key of this project (and holds the scopes).",
    "func Verify(apiKey string) (bool, error) {",
    `\tbody, err := json.Marshal(map[string]any{"key": apiKey${scopesPart}})`,
    "\tif err != nil {",
    "\t\treturn false, err",
    "\t}",
    '\treq, err := http.NewRequest(http.MethodPost, latchkeyURL+"/v1/api-keys/verify", bytes.NewReader(body))',
    "\tif err != nil {",
    "\t\treturn false, err",
    "\t}",
    `\treq.Header.Set("Authorization", "Bearer "+os.Getenv("${VERIFIER_KEY_VARIABLE}"))`,
    '\treq.Header.Set("Content-Type", "application/json")',
    "\tresp, err := client.Do(req)",
    "\tif err != nil {",
    "\t\treturn false, err",
    "\t}",
    "\tdefer resp.Body.Close()",
    "\tif resp.StatusCode != http.StatusOK {",
    '\t\treturn false, fmt.Errorf("latchkey verify: %s", resp.Status)',
    "\t}",
    "\tvar result struct {",
    '\t\tValid     bool   `json:"valid"`',
    '\t\tProjectID string `json:"project_id"`',
    "\t}",
    "\tif err := json.NewDecoder(resp.Body).Decode(&result); err != nil {",
    "\t\treturn false, err",
    "\t}",
    "\t// A valid key of another project is not a key of this one.",
    "\treturn result.Valid && result.ProjectID == projectID, nil",
    "}",
  ].join("\n");
}

/** The SDK's, curl, Python requests and Go net/http samples that verify a key of this project. */
export function verifySnippets(input: VerifySnippetInput): VerifySnippet[] {
  return [
    { id: "sdk", label: "TypeScript SDK", language: "typescript", code: sdk(input) },
    { id: "curl", label: "curl", language: "bash", code: curl(input) },
    { id: "python", label: "Python (requests)", language: "python", code: python(input) },
    { id: "go", label: "Go (net/http)", language: "go", code: go(input) },
  ];
}
