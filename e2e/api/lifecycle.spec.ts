import { expect, expectError, ISO, test } from "../fixtures";

// The key lifecycle beyond seed 001: disable and enable, owner and meta, IP allow-lists,
// last-used context and bulk revoke, through the real server on each database.

type Created = { id: string; key: string; [field: string]: unknown };

test.describe("key lifecycle", () => {
  test("a disabled key verifies as DISABLED until it is enabled, cannot be rotated, and each switch is audited", async ({ apiA, a }) => {
    const created: Created = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "switchable" } })).json();
    const verify = async () => (await apiA("POST", "/v1/api-keys/verify", { body: { key: created.key } })).json();
    expect((await verify()).code).toBe("VALID");

    const off = await apiA("PATCH", `/v1/api-keys/${created.id}`, { body: { enabled: false } });
    expect(off.status()).toBe(200);
    expect(await off.json()).toMatchObject({ enabled: false, disabled_at: expect.stringMatching(ISO), disabled_reason: "manual" });
    expect(await verify()).toMatchObject({ valid: false, code: "DISABLED", key_id: created.id });
    await expectError(await apiA("POST", `/v1/api-keys/${created.id}/rotate`, { body: {} }), 409, "key_disabled");

    const on = await (await apiA("PATCH", `/v1/api-keys/${created.id}`, { body: { enabled: true } })).json();
    expect(on).toMatchObject({ enabled: true, disabled_at: null, disabled_reason: null });
    expect(await verify()).toMatchObject({ valid: true, code: "VALID" });

    const audit = await (await apiA("GET", `/v1/apps/${a.app_id}/audit-events?target_id=${created.id}`)).json();
    const actions = audit.audit_events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["api_key.disabled", "api_key.enabled"]));
    expect(actions).not.toContain("api_key.updated");

    // Created disabled, it is disabled from the start.
    const dormant = await (
      await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "dormant", enabled: false } })
    ).json();
    expect(dormant).toMatchObject({ enabled: false, disabled_reason: "manual" });
    expect((await (await apiA("POST", "/v1/api-keys/verify", { body: { key: dormant.key } })).json()).code).toBe("DISABLED");
    await expectError(await apiA("PATCH", `/v1/api-keys/${dormant.id}`, { body: { enabled: "no" } }), 400, "invalid_request");
  });

  test("owner_id and meta are set, returned by get, list and verify, filter the list, and travel with a rotation", async ({ apiA, a }) => {
    const owner = `cus_${Date.now()}`;
    const meta = { plan: "pro", limits: { seats: 5 }, tags: ["eu", "beta"] };
    const first: Created = await (
      await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "owned 1", owner_id: owner, meta } })
    ).json();
    expect(first).toMatchObject({ owner_id: owner, meta });
    await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "owned 2", owner_id: owner } });
    await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "someone else's", owner_id: `${owner}_other` } });

    expect(await (await apiA("GET", `/v1/api-keys/${first.id}`)).json()).toMatchObject({ owner_id: owner, meta });
    const listed = await (await apiA("GET", `/v1/api-keys?project_id=${a.project_id}&owner_id=${owner}&limit=1`)).json();
    expect(listed.map((k: { name: string }) => k.name)).toEqual(["owned 1"]);
    const all = await apiA("GET", `/v1/api-keys?project_id=${a.project_id}&owner_id=${owner}`);
    expect((await all.json()).map((k: { name: string }) => k.name)).toEqual(["owned 1", "owned 2"]);
    expect(await (await apiA("POST", "/v1/api-keys/verify", { body: { key: first.key } })).json()).toMatchObject({
      valid: true,
      owner_id: owner,
      meta,
    });

    const rotated = await (await apiA("POST", `/v1/api-keys/${first.id}/rotate`, { body: {} })).json();
    expect(await (await apiA("GET", `/v1/api-keys/${rotated.new_key_id}`)).json()).toMatchObject({ owner_id: owner, meta });

    // Cleared with null; refused when too large, not an object, or too long.
    const cleared = await (await apiA("PATCH", `/v1/api-keys/${rotated.new_key_id}`, { body: { owner_id: null, meta: null } })).json();
    expect(cleared).toMatchObject({ owner_id: null, meta: null });
    const big = { blob: "x".repeat(16_400) };
    const tooBig = await expectError(
      await apiA("PATCH", `/v1/api-keys/${rotated.new_key_id}`, { body: { meta: big } }),
      400,
      "invalid_request",
    );
    expect(tooBig.error.details?.[0]?.field).toBe("meta");
    await expectError(await apiA("PATCH", `/v1/api-keys/${rotated.new_key_id}`, { body: { meta: ["a"] } }), 400, "invalid_request");
    // Nested 5,000 deep: refused (at most 32 levels), not a stack overflow.
    const deep = `{"meta":${'{"d":'.repeat(5000)}1${"}".repeat(5000)}}`;
    await expectError(
      await apiA("PATCH", `/v1/api-keys/${rotated.new_key_id}`, { body: deep, headers: { "content-type": "application/json" } }),
      400,
      "invalid_request",
    );
    await expectError(
      await apiA("PATCH", `/v1/api-keys/${rotated.new_key_id}`, { body: { owner_id: "o".repeat(256) } }),
      400,
      "invalid_request",
    );
    await expectError(await apiA("GET", `/v1/api-keys?project_id=${a.project_id}&owner_id=${"o".repeat(256)}`), 400, "invalid_request");
  });

  test("an IP allow-list admits only addresses inside it, names a bad entry, and last-used context is kept", async ({ apiA, a }) => {
    const created: Created = await (
      await apiA("POST", "/v1/api-keys", {
        body: { project_id: a.project_id, name: "office only", ip_allowlist: ["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"] },
      })
    ).json();
    expect(created.ip_allowlist).toEqual(["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"]);
    const verify = async (body: object) => {
      const response = await apiA("POST", "/v1/api-keys/verify", { body: { key: created.key, ...body } });
      // A verdict bound to the caller's address says so, so that an SDK does not cache it.
      expect(response.headers()["latchkey-cache"]).toBe("no-store");
      return (await response.json()) as { code: string };
    };
    expect((await verify({})).code).toBe("FORBIDDEN");
    expect((await verify({ ip: "192.0.2.1" })).code).toBe("FORBIDDEN");
    expect((await verify({ ip: "203.0.113.9" })).code).toBe("VALID");
    expect((await verify({ ip: "::ffff:198.51.100.7" })).code).toBe("VALID");
    expect((await verify({ ip: "2001:db8:1::5" })).code).toBe("VALID");
    await expectError(await apiA("POST", "/v1/api-keys/verify", { body: { key: created.key, ip: "not-an-ip" } }), 400, "invalid_request");

    // Where a key was last used from: the address and user agent the caller sent, written behind.
    const tracked: Created = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "tracked" } })).json();
    const use = await apiA("POST", "/v1/api-keys/verify", {
      body: { key: tracked.key, ip: "[2001:DB8::7]:443", user_agent: "billing/2.1" },
    });
    expect((await use.json()).code).toBe("VALID");
    await expect
      .poll(async () => {
        const key = await (await apiA("GET", `/v1/api-keys/${tracked.id}`)).json();
        return [key.last_used_ip, key.last_used_user_agent];
      })
      .toEqual(["2001:db8::7", "billing/2.1"]);

    const bad = await expectError(
      await apiA("PATCH", `/v1/api-keys/${created.id}`, { body: { ip_allowlist: ["10.0.0.0/8", "10.0.0.300", "::1"] } }),
      400,
      "invalid_request",
    );
    expect(bad.error.details?.[0]).toMatchObject({ field: "ip_allowlist.1", message: expect.stringContaining("10.0.0.300") });
    await expectError(
      await apiA("PATCH", `/v1/api-keys/${created.id}`, { body: { ip_allowlist: ["10.0.0.0/33"] } }),
      400,
      "invalid_request",
    );
    const tooMany = Array.from({ length: 101 }, (_, i) => `10.0.${i}.1`);
    await expectError(await apiA("PATCH", `/v1/api-keys/${created.id}`, { body: { ip_allowlist: tooMany } }), 400, "invalid_request");

    // An empty list admits every address again; a key without one is not bound to the caller.
    await apiA("PATCH", `/v1/api-keys/${created.id}`, { body: { ip_allowlist: [] } });
    const open = await apiA("POST", "/v1/api-keys/verify", { body: { key: created.key, ip: "192.0.2.1" } });
    expect((await open.json()).code).toBe("VALID");
    expect(open.headers()["latchkey-cache"]).toBeUndefined();

    // Rotation copies the list.
    await apiA("PATCH", `/v1/api-keys/${created.id}`, { body: { ip_allowlist: ["203.0.113.0/24"] } });
    const rotated = await (await apiA("POST", `/v1/api-keys/${created.id}/rotate`, { body: {} })).json();
    expect((await (await apiA("GET", `/v1/api-keys/${rotated.new_key_id}`)).json()).ip_allowlist).toEqual(["203.0.113.0/24"]);
  });

  test("bulk revoke takes ids or an owner, in one transaction, and another app's ids read as not found", async ({ apiA, apiB, a, b }) => {
    const make = async (name: string, extra: object = {}) =>
      (await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name, ...extra } })).json()) as Created;
    const [one, two, three] = [await make("bulk 1"), await make("bulk 2"), await make("bulk 3")];
    await apiA("DELETE", `/v1/api-keys/${three.id}`);

    const response = await apiA("POST", "/v1/api-keys/bulk-revoke", {
      body: { project_id: a.project_id, ids: [one.id, two.id, three.id] },
    });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ revoked: [one.id, two.id], has_more: false });
    for (const key of [one, two]) {
      expect((await (await apiA("POST", "/v1/api-keys/verify", { body: { key: key.key } })).json()).code).toBe("REVOKED");
    }
    const audit = await (await apiA("GET", `/v1/apps/${a.app_id}/audit-events?action=api_key.revoked&target_id=${one.id}`)).json();
    expect(audit.audit_events).toHaveLength(1);

    // By owner.
    const owner = `cus_bulk_${Date.now()}`;
    const owned = [await make("owned a", { owner_id: owner }), await make("owned b", { owner_id: owner })];
    const spared = await make("not owned");
    const byOwner = await (await apiA("POST", "/v1/api-keys/bulk-revoke", { body: { project_id: a.project_id, owner_id: owner } })).json();
    expect(byOwner).toEqual({ revoked: owned.map((k) => k.id), has_more: false });
    expect((await (await apiA("POST", "/v1/api-keys/verify", { body: { key: spared.key } })).json()).code).toBe("VALID");

    // One id of another app: 404, and nothing is revoked.
    const theirs = await (await apiB("POST", "/v1/api-keys", { body: { project_id: b.project_id, name: "theirs" } })).json();
    await expectError(
      await apiA("POST", "/v1/api-keys/bulk-revoke", { body: { project_id: a.project_id, ids: [spared.id, theirs.id] } }),
      404,
      "not_found",
    );
    expect((await (await apiA("POST", "/v1/api-keys/verify", { body: { key: spared.key } })).json()).code).toBe("VALID");
    await expectError(
      await apiA("POST", "/v1/api-keys/bulk-revoke", { body: { project_id: b.project_id, ids: [theirs.id] } }),
      404,
      "not_found",
    );

    // Exactly one of ids or owner_id, and at most 1,000 ids.
    await expectError(await apiA("POST", "/v1/api-keys/bulk-revoke", { body: { project_id: a.project_id } }), 400, "invalid_request");
    await expectError(
      await apiA("POST", "/v1/api-keys/bulk-revoke", { body: { project_id: a.project_id, ids: [spared.id], owner_id: owner } }),
      400,
      "invalid_request",
    );
    const ids = Array.from({ length: 1001 }, (_, i) => `key_${i}`);
    await expectError(await apiA("POST", "/v1/api-keys/bulk-revoke", { body: { project_id: a.project_id, ids } }), 400, "invalid_request");
    await expectError(await apiA("GET", "/v1/api-keys/bulk-revoke"), 405, "method_not_allowed");
  });
});
