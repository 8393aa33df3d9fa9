import { SEED_APP_KEY_FIELDS } from "../../test/helpers/contract";
import { caller, expect, expectError, ISO, test } from "../fixtures";

// Seed 000: /v1/apps/{app_id}/api-keys, Passage-style app admin keys.

const KEY_FIELDS = [...SEED_APP_KEY_FIELDS];

test.describe("app admin keys", () => {
  test("create answers 201 with plaintext_key once; list and get never show it", async ({ apiA, a }) => {
    const created = await apiA("POST", `/v1/apps/${a.app_id}/api-keys`, { body: { name: "deploy bot" } });
    expect(created.status()).toBe(201);
    const { api_key } = await created.json();
    expect(Object.keys(api_key).sort()).toEqual([...KEY_FIELDS, "plaintext_key"].sort());
    expect(api_key).toMatchObject({
      name: "deploy bot",
      role: "admin",
      id: expect.stringMatching(/^apk_/),
      created_at: expect.stringMatching(ISO),
    });
    expect(api_key.plaintext_key).toMatch(/^lk_app_/);
    expect(api_key.plaintext_key.startsWith(api_key.key_prefix)).toBe(true);

    const list = await apiA("GET", `/v1/apps/${a.app_id}/api-keys`);
    expect(list.status()).toBe(200);
    const listText = await list.text();
    expect(listText).not.toContain(api_key.plaintext_key);
    const { api_keys } = JSON.parse(listText);
    const listed = api_keys.find((k: { id: string }) => k.id === api_key.id);
    expect(Object.keys(listed).sort()).toEqual(KEY_FIELDS.sort());

    const got = await apiA("GET", `/v1/apps/${a.app_id}/api-keys/${api_key.id}`);
    expect(await got.json()).toEqual({ api_key: { ...listed } });

    // The new key authenticates.
    const withNewKey = await apiA("GET", `/v1/apps/${a.app_id}/api-keys`, { key: api_key.plaintext_key });
    expect(withNewKey.status()).toBe(200);
  });

  test("rename answers the updated key; delete answers 200 and the key stops working", async ({ apiA, a }) => {
    const { api_key } = await (await apiA("POST", `/v1/apps/${a.app_id}/api-keys`, { body: { name: "temp" } })).json();
    const renamed = await apiA("PATCH", `/v1/apps/${a.app_id}/api-keys/${api_key.id}`, { body: { name: "renamed" } });
    expect(renamed.status()).toBe(200);
    expect((await renamed.json()).api_key).toMatchObject({ id: api_key.id, name: "renamed", role: "admin" });

    const deleted = await apiA("DELETE", `/v1/apps/${a.app_id}/api-keys/${api_key.id}`);
    expect(deleted.status()).toBe(200);
    expect(await deleted.json()).toEqual({});
    await expectError(await apiA("GET", `/v1/apps/${a.app_id}/api-keys/${api_key.id}`), 404, "not_found");
    await expectError(await apiA("GET", `/v1/apps/${a.app_id}/api-keys`, { key: api_key.plaintext_key }), 401, "unauthorized");
  });

  test("the verifier role may verify keys and nothing else", async ({ apiA, a, request }) => {
    const { api_key } = await (await apiA("POST", `/v1/apps/${a.app_id}/api-keys`, { body: { name: "edge", role: "verifier" } })).json();
    expect(api_key.role).toBe("verifier");
    const verifier = caller(request, api_key.plaintext_key);
    const verdict = await verifier("POST", "/v1/api-keys/verify", { body: { key: "lk_live_nope" } });
    expect(verdict.status()).toBe(200);
    await expectError(await verifier("GET", `/v1/apps/${a.app_id}/api-keys`), 403, "forbidden");
    await expectError(await verifier("POST", `/v1/apps/${a.app_id}/api-keys`, { body: { name: "escalate" } }), 403, "forbidden");
    await expectError(await verifier("GET", `/v1/api-keys?project_id=${a.project_id}`), 403, "forbidden");
    await expectError(await verifier("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "x" } }), 403, "forbidden");
  });

  test("bad input gets 400 naming the field, 415 and 413", async ({ apiA, a }) => {
    const path = `/v1/apps/${a.app_id}/api-keys`;
    const empty = await expectError(await apiA("POST", path, { body: { name: "  " } }), 400, "invalid_request");
    expect(empty.error.details).toEqual([{ field: "name", message: expect.any(String) }]);
    const unknown = await expectError(await apiA("POST", path, { body: { name: "x", app_id: "app_other" } }), 400, "invalid_request");
    expect(unknown.error.details).toEqual([{ field: "app_id", message: "is not a known field" }]);
    const role = await expectError(await apiA("POST", path, { body: { name: "x", role: "owner" } }), 400, "invalid_request");
    expect(role.error.details?.[0]?.field).toBe("role");
    await expectError(await apiA("POST", path, { body: "not json", headers: { "content-type": "application/json" } }), 400, "invalid_json");
    await expectError(
      await apiA("POST", path, { body: "name=x", headers: { "content-type": "text/plain" } }),
      415,
      "unsupported_media_type",
    );
    await expectError(await apiA("POST", path, { body: { name: "x".repeat(1_100_000) } }), 413, "payload_too_large");
    await expectError(await apiA("PATCH", `${path}/apk_missing`, { body: {} }), 400, "invalid_request");
  });

  test("another team's app and keys read as not found, for every operation", async ({ apiA, apiB, a, b }) => {
    const { api_key } = await (await apiA("POST", `/v1/apps/${a.app_id}/api-keys`, { body: { name: "A's key" } })).json();
    // B's key on A's app path.
    await expectError(await apiB("GET", `/v1/apps/${a.app_id}/api-keys`), 404, "not_found");
    await expectError(await apiB("POST", `/v1/apps/${a.app_id}/api-keys`, { body: { name: "intruder" } }), 404, "not_found");
    await expectError(await apiB("GET", `/v1/apps/${a.app_id}/api-keys/${api_key.id}`), 404, "not_found");
    await expectError(await apiB("PATCH", `/v1/apps/${a.app_id}/api-keys/${api_key.id}`, { body: { name: "pwned" } }), 404, "not_found");
    await expectError(await apiB("DELETE", `/v1/apps/${a.app_id}/api-keys/${api_key.id}`), 404, "not_found");
    // A's key id under B's own app path.
    await expectError(await apiB("GET", `/v1/apps/${b.app_id}/api-keys/${api_key.id}`), 404, "not_found");
    await expectError(await apiB("PATCH", `/v1/apps/${b.app_id}/api-keys/${api_key.id}`, { body: { name: "pwned" } }), 404, "not_found");
    await expectError(await apiB("DELETE", `/v1/apps/${b.app_id}/api-keys/${api_key.id}`), 404, "not_found");
    // Guessed ids.
    await expectError(await apiB("GET", `/v1/apps/app_guess/api-keys`), 404, "not_found");
    await expectError(await apiB("GET", `/v1/apps/${b.app_id}/api-keys/apk_guess`), 404, "not_found");
    // Nothing changed on A's side.
    const still = await (await apiA("GET", `/v1/apps/${a.app_id}/api-keys/${api_key.id}`)).json();
    expect(still.api_key.name).toBe("A's key");
  });
});

test.describe("authentication", () => {
  test("a missing, malformed, mistyped or unknown bearer key answers 401", async ({ apiA, a }) => {
    const path = `/v1/apps/${a.app_id}/api-keys`;
    const missing = await apiA("GET", path, { key: null });
    await expectError(missing, 401, "unauthorized");
    expect(missing.headers()["www-authenticate"]).toContain("Bearer");
    await expectError(await apiA("GET", path, { headers: { authorization: `Basic ${a.api_key}` }, key: null }), 401, "unauthorized");
    // The last character changed (to another one: a key may end in X already), so the checksum fails.
    const mistyped = `${a.api_key.slice(0, -1)}${a.api_key.endsWith("X") ? "Y" : "X"}`;
    await expectError(await apiA("GET", path, { key: mistyped }), 401, "unauthorized");
    await expectError(
      await apiA("GET", path, { key: "lk_app_0000000000000000000000000000000000000000000000000000000000" }),
      401,
      "unauthorized",
    );
  });

  test("a project key is not an app key", async ({ apiA, a }) => {
    const { key } = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "customer" } })).json();
    await expectError(await apiA("GET", `/v1/apps/${a.app_id}/api-keys`, { key }), 401, "unauthorized");
  });

  test("responses are never cached", async ({ apiA, a }) => {
    const response = await apiA("GET", `/v1/apps/${a.app_id}/api-keys`);
    expect(response.headers()["cache-control"]).toBe("no-store");
  });
});
