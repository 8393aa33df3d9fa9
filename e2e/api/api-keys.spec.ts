import { SEED_API_KEY_FIELDS, SEED_ROTATE_FIELDS } from "../../test/helpers/contract";
import { expect, expectError, ISO, test } from "../fixtures";

// Seed 001: /v1/api-keys, project keys with scopes, environments, expiry and rotation.

// Beyond the seed, after its fields: the key's own grace for scheduled rotations, and its lifecycle (e2e/api/lifecycle.spec.ts).
const LIFECYCLE_FIELDS = [
  "enabled",
  "disabled_at",
  "disabled_reason",
  "owner_id",
  "meta",
  "ip_allowlist",
  "last_used_ip",
  "last_used_user_agent",
  // Rate limits and credits (issue 17), and where the key came from (issue 18).
  "rate_limits",
  "credits",
  "source",
];
const KEY_FIELDS = [...SEED_API_KEY_FIELDS, "rotation_grace_period_seconds", ...LIFECYCLE_FIELDS];
const ROTATE_FIELDS = [...SEED_ROTATE_FIELDS];

test.describe("project keys", () => {
  test("create answers 201 with the documented object plus key, in the production environment by default", async ({ apiA, a }) => {
    const response = await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "billing service" } });
    expect(response.status()).toBe(201);
    const key = await response.json();
    expect(Object.keys(key)).toEqual([...KEY_FIELDS, "key"]);
    const production = a.environments.find((e) => e.name === "production")!;
    expect(key).toMatchObject({
      id: expect.stringMatching(/^key_/),
      project_id: a.project_id,
      name: "billing service",
      scopes: [],
      expires_at: null,
      last_used_at: null,
      created_at: expect.stringMatching(ISO),
      revoked_at: null,
      replaced_by_key_id: null,
      grace_expires_at: null,
      environment_id: production.id,
      rotation_interval_days: null,
      next_rotation_at: null,
      rotation_webhook_url: null,
      rotation_grace_period_seconds: null,
      enabled: true,
      disabled_at: null,
      disabled_reason: null,
      owner_id: null,
      meta: null,
      ip_allowlist: [],
      last_used_ip: null,
      last_used_user_agent: null,
      rate_limits: [],
      credits: null,
      source: "generated",
    });
    expect(key.key).toMatch(/^lk_live_/);
    expect(key.key_prefix).toMatch(/^lk_live_[0-9A-Za-z]{8}$/);
  });

  test("create takes scopes, expiry, environment and a rotation policy", async ({ apiA, a }) => {
    const development = a.environments.find((e) => e.name === "development")!;
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const response = await apiA("POST", "/v1/api-keys", {
      body: {
        project_id: a.project_id,
        name: "ci",
        scopes: ["read:users", "write:users", "read:users"],
        expires_at: expiresAt,
        environment_id: development.id,
        rotation_interval_days: 7,
        rotation_webhook_url: "https://hooks.example.com/latchkey",
        rotation_grace_period_seconds: 3600,
      },
    });
    expect(response.status()).toBe(201);
    const key = await response.json();
    expect(key).toMatchObject({
      scopes: ["read:users", "write:users"],
      expires_at: expiresAt,
      environment_id: development.id,
      rotation_interval_days: 7,
      rotation_webhook_url: "https://hooks.example.com/latchkey",
      rotation_grace_period_seconds: 3600,
    });
    expect(key.key).toMatch(/^lk_test_/);
    const next = new Date(key.next_rotation_at).getTime() - new Date(key.created_at).getTime();
    expect(next).toBe(7 * 86_400_000);
  });

  test("list answers a bare array without secrets; get answers one key", async ({ apiA, a }) => {
    const created = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "listed" } })).json();
    const list = await apiA("GET", `/v1/api-keys?project_id=${a.project_id}`);
    expect(list.status()).toBe(200);
    const text = await list.text();
    expect(text).not.toContain(created.key);
    const keys = JSON.parse(text);
    expect(Array.isArray(keys)).toBe(true);
    const listed = keys.find((k: { id: string }) => k.id === created.id);
    expect(Object.keys(listed)).toEqual(KEY_FIELDS);
    const { key: _secret, ...documented } = created;
    expect(listed).toEqual(documented);
    expect(await (await apiA("GET", `/v1/api-keys/${created.id}`)).json()).toEqual(documented);
  });

  test("list needs a project_id of the caller's app", async ({ apiA, b }) => {
    const missing = await expectError(await apiA("GET", "/v1/api-keys"), 400, "invalid_request");
    expect(missing.error.details?.[0]?.field).toBe("project_id");
    await expectError(await apiA("GET", `/v1/api-keys?project_id=${b.project_id}`), 404, "not_found");
    await expectError(await apiA("GET", "/v1/api-keys?project_id=prj_guess"), 404, "not_found");
  });

  test("patch renames and changes scopes, expiry and rotation policy", async ({ apiA, a }) => {
    const created = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "before" } })).json();
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const patched = await apiA("PATCH", `/v1/api-keys/${created.id}`, {
      body: {
        name: "after",
        scopes: ["admin"],
        expires_at: expiresAt,
        rotation_interval_days: 30,
        rotation_webhook_url: "https://example.com/rotate",
      },
    });
    expect(patched.status()).toBe(200);
    const body = await patched.json();
    expect(body).toMatchObject({
      id: created.id,
      name: "after",
      scopes: ["admin"],
      expires_at: expiresAt,
      rotation_interval_days: 30,
      rotation_webhook_url: "https://example.com/rotate",
    });
    expect(new Date(body.next_rotation_at).getTime() - new Date(body.created_at).getTime()).toBe(30 * 86_400_000);
    expect(body).not.toHaveProperty("key");

    const cleared = await (
      await apiA("PATCH", `/v1/api-keys/${created.id}`, {
        body: { expires_at: null, rotation_interval_days: null, rotation_webhook_url: null },
      })
    ).json();
    expect(cleared).toMatchObject({
      name: "after",
      expires_at: null,
      rotation_interval_days: null,
      next_rotation_at: null,
      rotation_webhook_url: null,
    });
  });

  test("patch and create refuse bad values, naming the field", async ({ apiA, a }) => {
    const created = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "strict" } })).json();
    const cases: [unknown, string][] = [
      [{}, "body"],
      [{ name: "" }, "name"],
      [{ scopes: "read" }, "scopes"],
      [{ scopes: ["has space"] }, "scopes.0"],
      [{ expires_at: "tomorrow" }, "expires_at"],
      [{ expires_at: "2001-01-01T00:00:00Z" }, "expires_at"],
      [{ rotation_interval_days: 0 }, "rotation_interval_days"],
      [{ rotation_interval_days: 2.5 }, "rotation_interval_days"],
      [{ rotation_webhook_url: "ftp://example.com" }, "rotation_webhook_url"],
      [{ rotation_webhook_url: "http://example.com/hook" }, "rotation_webhook_url"],
      // The server runs in production: loopback and private targets are refused when entered.
      [{ rotation_webhook_url: "http://localhost:4000/hook" }, "rotation_webhook_url"],
      [{ rotation_webhook_url: "https://10.0.0.7/hook" }, "rotation_webhook_url"],
      [{ rotation_grace_period_seconds: -1 }, "rotation_grace_period_seconds"],
      [{ rotation_grace_period_seconds: 2_592_001 }, "rotation_grace_period_seconds"],
      [{ revoked_at: null }, "revoked_at"],
    ];
    for (const [body, field] of cases) {
      const error = await expectError(await apiA("PATCH", `/v1/api-keys/${created.id}`, { body }), 400, "invalid_request");
      expect(
        error.error.details?.map((d) => d.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    const noProject = await expectError(await apiA("POST", "/v1/api-keys", { body: { name: "x" } }), 400, "invalid_request");
    expect(noProject.error.details?.[0]?.field).toBe("project_id");
    const teamInBody = await expectError(
      await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "x", team_id: "team_other" } }),
      400,
      "invalid_request",
    );
    expect(teamInBody.error.details?.[0]).toEqual({ field: "team_id", message: "is not a known field" });
    const badEnv = await expectError(
      await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "x", environment_id: "env_nope" } }),
      400,
      "invalid_request",
    );
    expect(badEnv.error.details?.[0]?.field).toBe("environment_id");
    // Nothing was half-written: the key is as it was.
    expect((await (await apiA("GET", `/v1/api-keys/${created.id}`)).json()).name).toBe("strict");
  });

  test("revoke answers 204 with an empty body, at once, and a revoked key cannot change", async ({ apiA, a }) => {
    const created = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "to revoke" } })).json();
    const revoked = await apiA("DELETE", `/v1/api-keys/${created.id}`);
    expect(revoked.status()).toBe(204);
    expect(await revoked.text()).toBe("");
    const after = await (await apiA("GET", `/v1/api-keys/${created.id}`)).json();
    expect(after.revoked_at).toMatch(ISO);
    expect((await (await apiA("POST", "/v1/api-keys/verify", { body: { key: created.key } })).json()).code).toBe("REVOKED");
    expect((await apiA("DELETE", `/v1/api-keys/${created.id}`)).status()).toBe(204);
    await expectError(await apiA("PATCH", `/v1/api-keys/${created.id}`, { body: { name: "revive" } }), 409, "key_revoked");
    await expectError(await apiA("POST", `/v1/api-keys/${created.id}/rotate`, { body: {} }), 409, "key_revoked");
  });

  test("rotate answers the documented object; both keys verify during the grace period", async ({ apiA, a }) => {
    const created = await (
      await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "rotating", scopes: ["read"] } })
    ).json();
    const response = await apiA("POST", `/v1/api-keys/${created.id}/rotate`, { body: { grace_period_seconds: 3600 } });
    expect(response.status()).toBe(200);
    const rotated = await response.json();
    expect(Object.keys(rotated)).toEqual(ROTATE_FIELDS);
    expect(rotated).toMatchObject({
      old_key_id: created.id,
      new_key_id: expect.stringMatching(/^key_/),
      project_id: a.project_id,
      name: "rotating",
      scopes: ["read"],
      expires_at: null,
    });
    expect(rotated.key).toMatch(/^lk_live_/);
    expect(rotated.key).not.toBe(created.key);
    const grace = new Date(rotated.grace_expires_at).getTime() - new Date(rotated.created_at).getTime();
    expect(grace).toBe(3_600_000);

    for (const key of [created.key, rotated.key]) {
      expect((await (await apiA("POST", "/v1/api-keys/verify", { body: { key } })).json()).valid).toBe(true);
    }
    const old = await (await apiA("GET", `/v1/api-keys/${created.id}`)).json();
    expect(old).toMatchObject({ replaced_by_key_id: rotated.new_key_id, grace_expires_at: rotated.grace_expires_at });
    await expectError(await apiA("POST", `/v1/api-keys/${created.id}/rotate`, { body: {} }), 409, "key_rotated");
  });

  test("after the grace period the old key is refused and the new one still verifies", async ({ apiA, a }) => {
    const created = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "short grace" } })).json();
    const rotated = await (await apiA("POST", `/v1/api-keys/${created.id}/rotate`, { body: { grace_period_seconds: 1 } })).json();
    await expect
      .poll(async () => (await (await apiA("POST", "/v1/api-keys/verify", { body: { key: created.key } })).json()).code, { timeout: 5000 })
      .toBe("EXPIRED");
    expect((await (await apiA("POST", "/v1/api-keys/verify", { body: { key: rotated.key } })).json()).code).toBe("VALID");
  });

  test("rotate with no body ends the old key at once; the grace period is bounded", async ({ apiA, a }) => {
    const created = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "instant" } })).json();
    for (const grace of [-1, 2_592_001, "60", 1.5]) {
      const error = await expectError(
        await apiA("POST", `/v1/api-keys/${created.id}/rotate`, { body: { grace_period_seconds: grace } }),
        400,
        "invalid_request",
      );
      expect(error.error.details?.[0]?.field).toBe("grace_period_seconds");
    }
    const bare = await apiA("POST", `/v1/api-keys/${created.id}/rotate`);
    expect(bare.status()).toBe(200);
    expect((await (await apiA("POST", "/v1/api-keys/verify", { body: { key: created.key } })).json()).valid).toBe(false);
  });

  test("last_used_at shows in the list within 5 seconds of a verification", async ({ apiA, a }) => {
    const created = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "used" } })).json();
    const verifiedAt = Date.now();
    await apiA("POST", "/v1/api-keys/verify", { body: { key: created.key } });
    await expect
      .poll(
        async () => {
          const keys = await (await apiA("GET", `/v1/api-keys?project_id=${a.project_id}`)).json();
          return keys.find((k: { id: string }) => k.id === created.id).last_used_at;
        },
        { timeout: 5000, intervals: [250] },
      )
      .toMatch(ISO);
    expect(Date.now() - verifiedAt).toBeLessThan(5000);
  });

  test("another team's keys read as not found, for every operation", async ({ apiA, apiB, a }) => {
    const created = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "A's customer key" } })).json();
    await expectError(await apiB("GET", `/v1/api-keys?project_id=${a.project_id}`), 404, "not_found");
    await expectError(await apiB("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "intruder" } }), 404, "not_found");
    await expectError(await apiB("GET", `/v1/api-keys/${created.id}`), 404, "not_found");
    await expectError(await apiB("PATCH", `/v1/api-keys/${created.id}`, { body: { name: "pwned" } }), 404, "not_found");
    await expectError(await apiB("DELETE", `/v1/api-keys/${created.id}`), 404, "not_found");
    await expectError(await apiB("POST", `/v1/api-keys/${created.id}/rotate`, { body: {} }), 404, "not_found");
    await expectError(await apiB("GET", "/v1/api-keys/key_guess"), 404, "not_found");
    const verdict = await (await apiB("POST", "/v1/api-keys/verify", { body: { key: created.key } })).json();
    expect(verdict).toMatchObject({ valid: false, code: "NOT_FOUND", key_id: null, project_id: null });
    // A's key is untouched and still valid.
    const after = await (await apiA("GET", `/v1/api-keys/${created.id}`)).json();
    expect(after).toMatchObject({ name: "A's customer key", revoked_at: null, replaced_by_key_id: null });
    expect((await (await apiA("POST", "/v1/api-keys/verify", { body: { key: created.key } })).json()).valid).toBe(true);
  });
});
