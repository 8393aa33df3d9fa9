import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient, createVerifier, type Verifier } from "@latchkey/sdk";
import { generateKey } from "../../lib/core/crypto/key-secret";
import { bootstrapTenant, expect, test } from "../fixtures";
import { type RunningServer, startServer } from "./spawn-server";

// The SDK's verifier against the production server (`latchkey start`, SQLite): it answers what
// the HTTP endpoint answers, for every code, and a revocation reaches its cache within a second.

test.describe("the SDK against latchkey start", () => {
  let server: RunningServer;
  let databaseUrl: string;
  test.beforeAll(async () => {
    databaseUrl = `file:${path.join(mkdtempSync(path.join(os.tmpdir(), "latchkey-sdk-")), "sdk.db")}`;
    server = await startServer(databaseUrl);
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  async function call(key: string, method: string, route: string, body?: unknown) {
    const response = await fetch(`${server.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  }

  async function live(verifier: Verifier) {
    await expect.poll(() => verifier.stats().streamLive, { timeout: 5_000 }).toBe(true);
  }

  test("answers exactly the verify endpoint's body for every code, cached or not", async () => {
    const tenant = bootstrapTenant(databaseUrl, "SDK codes");
    const make = async (body: Record<string, unknown>) =>
      (await call(tenant.api_key, "POST", "/v1/api-keys", { project_id: tenant.project_id, ...body })).body;
    const active = await make({ name: "active", scopes: ["read"] });
    const revoked = await make({ name: "revoked" });
    await call(tenant.api_key, "DELETE", `/v1/api-keys/${revoked.id}`);
    const rotated = await make({ name: "rotated" });
    await call(tenant.api_key, "POST", `/v1/api-keys/${rotated.id}/rotate`, {});
    const disabled = await make({ name: "disabled", enabled: false, owner_id: "cus_1", meta: { plan: "pro" } });
    const fenced = await make({ name: "fenced", ip_allowlist: ["203.0.113.0/24"] });
    const cases: [string, string, string[] | undefined, string?][] = [
      ["VALID", active.key, ["read"]],
      ["INSUFFICIENT_SCOPES", active.key, ["write"]],
      ["REVOKED", revoked.key, undefined],
      ["EXPIRED", rotated.key, undefined],
      ["DISABLED", disabled.key, undefined],
      ["FORBIDDEN", fenced.key, undefined, "198.51.100.1"],
      ["VALID", fenced.key, undefined, "203.0.113.9"],
      ["NOT_FOUND", generateKey("live").plaintext, undefined],
      ["MALFORMED", "lk_live_short", undefined],
    ];
    const verifier = createVerifier({ baseUrl: server.url, apiKey: tenant.api_key });
    const uncached = createVerifier({ baseUrl: server.url, apiKey: tenant.api_key, cache: false });
    await live(verifier);
    for (const [code, key, scopes, ip] of cases) {
      const http = (
        await call(tenant.api_key, "POST", "/v1/api-keys/verify", { key, ...(scopes ? { scopes } : {}), ...(ip ? { ip } : {}) })
      ).body;
      expect(http.code, code).toBe(code);
      for (let i = 0; i < 3; i++) {
        expect(await verifier.verify(key, { scopes, ip }), `${code}, call ${i + 1}`).toEqual(http);
        expect(await uncached.verify(key, { scopes, ip }), code).toEqual(http);
      }
    }
    // A verdict bound to an address is asked for every time: the other address is not answered from memory.
    expect((await verifier.verify(fenced.key, { ip: "198.51.100.1" })).code).toBe("FORBIDDEN");
    expect(verifier.stats().hits).toBeGreaterThan(0);
    verifier.close();
    uncached.close();
  });

  test("a key revoked through the API is refused by a connected verifier within a second, from its cache before", async () => {
    const tenant = bootstrapTenant(databaseUrl, "SDK revoke");
    const { body: created } = await call(tenant.api_key, "POST", "/v1/api-keys", { project_id: tenant.project_id, name: "soon revoked" });
    const verifier = createVerifier({ baseUrl: server.url, apiKey: tenant.api_key });
    await live(verifier);
    expect((await verifier.verify(created.key)).valid).toBe(true);
    expect((await verifier.verify(created.key)).valid).toBe(true);
    const hits = verifier.stats().hits;
    expect(hits).toBeGreaterThan(0);
    expect((await call(tenant.api_key, "DELETE", `/v1/api-keys/${created.id}`)).status).toBe(204);
    const revokedAt = Date.now();
    await expect.poll(async () => (await verifier.verify(created.key)).code, { timeout: 1_000, intervals: [20] }).toBe("REVOKED");
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
    verifier.close();
  });

  test("a key disabled through the API is refused by a connected verifier within a second, and valid again within a second of being enabled", async () => {
    const tenant = bootstrapTenant(databaseUrl, "SDK disable");
    const { body: created } = await call(tenant.api_key, "POST", "/v1/api-keys", { project_id: tenant.project_id, name: "switched" });
    const verifier = createVerifier({ baseUrl: server.url, apiKey: tenant.api_key });
    await live(verifier);
    expect((await verifier.verify(created.key)).valid).toBe(true);
    expect((await verifier.verify(created.key)).valid).toBe(true);
    expect(verifier.stats().hits).toBeGreaterThan(0);
    for (const [enabled, code] of [
      [false, "DISABLED"],
      [true, "VALID"],
    ] as const) {
      expect((await call(tenant.api_key, "PATCH", `/v1/api-keys/${created.id}`, { enabled })).status).toBe(200);
      const changedAt = Date.now();
      await expect.poll(async () => (await verifier.verify(created.key)).code, { timeout: 1_000, intervals: [20] }).toBe(code);
      expect(Date.now() - changedAt).toBeLessThan(1_000);
    }
    await verifier.close();
  });

  test("the verifications its cache answered show in the key's usage once reported", async () => {
    const tenant = bootstrapTenant(databaseUrl, "SDK usage");
    const { body: created } = await call(tenant.api_key, "POST", "/v1/api-keys", { project_id: tenant.project_id, name: "busy" });
    const { body: verifierKey } = await call(tenant.api_key, "POST", `/v1/apps/${tenant.app_id}/api-keys`, {
      name: "edge",
      role: "verifier",
    });
    const verifier = createVerifier({ baseUrl: server.url, apiKey: verifierKey.api_key.plaintext_key });
    await live(verifier);
    for (let i = 0; i < 10; i++) expect((await verifier.verify(created.key)).valid).toBe(true);
    expect(verifier.stats().hits).toBeGreaterThanOrEqual(8);
    await verifier.close();
    await expect
      .poll(async () => (await call(tenant.api_key, "GET", `/v1/api-keys/${created.id}/usage?window=24h`)).body.totals.valid, {
        timeout: 5_000,
      })
      .toBe(10);
    expect((await call(tenant.api_key, "GET", `/v1/api-keys/${created.id}`)).body.last_used_at).not.toBeNull();
  });

  test("createClient runs the management API with its generated types: create, page, get, rename, revoke, and errors in their shape", async () => {
    const tenant = bootstrapTenant(databaseUrl, "SDK client");
    const latchkey = createClient({ baseUrl: server.url, apiKey: tenant.api_key });
    const created = [];
    for (const name of ["one", "two", "three"]) {
      const { data, error, response } = await latchkey.POST("/v1/api-keys", {
        body: { project_id: tenant.project_id, name, scopes: ["read"] },
      });
      expect(error).toBeUndefined();
      expect(response.status).toBe(201);
      created.push(data!);
    }
    const page = await latchkey.GET("/v1/api-keys", { params: { query: { project_id: tenant.project_id, limit: 2 } } });
    expect(page.data!.map((key) => key.name)).toEqual(["one", "two"]);
    expect(page.response.headers.get("link")).toMatch(/rel="next"/);
    const rest = await latchkey.GET("/v1/api-keys", {
      params: { query: { project_id: tenant.project_id, starting_after: page.data![1]!.id } },
    });
    expect(rest.data!.map((key) => key.name)).toEqual(["three"]);

    const renamed = await latchkey.PATCH("/v1/api-keys/{keyID}", { params: { path: { keyID: created[0]!.id } }, body: { name: "first" } });
    expect(renamed.data!.name).toBe("first");
    const revoked = await latchkey.DELETE("/v1/api-keys/{keyID}", { params: { path: { keyID: created[1]!.id } } });
    expect(revoked.response.status).toBe(204);
    const got = await latchkey.GET("/v1/api-keys/{keyID}", { params: { path: { keyID: created[1]!.id } } });
    expect(got.data!.revoked_at).not.toBeNull();

    const missing = await latchkey.GET("/v1/api-keys/{keyID}", { params: { path: { keyID: "key_nobody" } } });
    expect(missing.error).toMatchObject({ code: "not_found" });
    const bad = await latchkey.POST("/v1/api-keys", { body: { project_id: tenant.project_id, name: "" } });
    expect(bad.error).toMatchObject({ code: "invalid_request", details: [{ field: "name" }] });
    const apps = await latchkey.GET("/v1/apps/{app_id}/api-keys", { params: { path: { app_id: tenant.app_id } } });
    expect(apps.data!.api_keys.length).toBeGreaterThan(0);
  });
});
