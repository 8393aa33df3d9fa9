import { caller, expect, expectError, ISO, test } from "../fixtures";

// A project's key policy, webhook signing secret and delivery log under /v1/projects/{project_id}.
// Every endpoint: success, 400 naming the field, 401 and 403, and another team's ids as 404.

test.describe("key policy", () => {
  test("GET answers the policy; PATCH changes the given settings and is enforced on new keys", async ({ apiA, a }) => {
    const initial = await apiA("GET", `/v1/projects/${a.project_id}/key-policy`);
    expect(initial.status()).toBe(200);
    const policy = await initial.json();
    expect(Object.keys(policy)).toEqual([
      "project_id",
      "default_rotation_interval_days",
      "default_grace_period_seconds",
      "max_key_lifetime_days",
      "disable_after_unused_days",
      "on_leak",
      "environments",
    ]);
    expect(policy.environments.map((e: { name: string }) => e.name)).toEqual(["production", "development"]);
    const development = a.environments.find((e) => e.name === "development")!;

    const patched = await apiA("PATCH", `/v1/projects/${a.project_id}/key-policy`, {
      body: {
        default_rotation_interval_days: 45,
        default_grace_period_seconds: 3600,
        environments: [{ id: development.id, require_expiry: true }],
      },
    });
    expect(patched.status(), await patched.text()).toBe(200);
    expect(await patched.json()).toMatchObject({
      project_id: a.project_id,
      default_rotation_interval_days: 45,
      default_grace_period_seconds: 3600,
      max_key_lifetime_days: null,
    });
    const key = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "policy default" } })).json();
    expect(key.rotation_interval_days).toBe(45);
    const refused = await expectError(
      await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "no expiry", environment_id: development.id } }),
      400,
      "invalid_request",
    );
    expect(refused.error.details?.[0]?.field).toBe("expires_at");

    // null clears; the GET reads what the PATCH wrote.
    await apiA("PATCH", `/v1/projects/${a.project_id}/key-policy`, {
      body: {
        default_rotation_interval_days: null,
        default_grace_period_seconds: null,
        environments: [{ id: development.id, require_expiry: false }],
      },
    });
    expect(await (await apiA("GET", `/v1/projects/${a.project_id}/key-policy`)).json()).toEqual(policy);
  });

  test("PATCH refuses bad values, naming the field", async ({ apiA, a, b }) => {
    const cases: [unknown, string][] = [
      [{}, "body"],
      [{ default_rotation_interval_days: 0 }, "default_rotation_interval_days"],
      [{ default_grace_period_seconds: -5 }, "default_grace_period_seconds"],
      [{ max_key_lifetime_days: 1.5 }, "max_key_lifetime_days"],
      [{ environments: [{ id: b.environments[0]!.id, require_expiry: true }] }, "environments.0.id"],
      [{ environments: [{ id: a.environments[0]!.id }] }, "environments.0.require_expiry"],
      [{ project_id: "prj_other" }, "project_id"],
    ];
    for (const [body, field] of cases) {
      const error = await expectError(await apiA("PATCH", `/v1/projects/${a.project_id}/key-policy`, { body }), 400, "invalid_request");
      expect(
        error.error.details?.map((d) => d.field),
        JSON.stringify(body),
      ).toContain(field);
    }
  });
});

test.describe("webhook signing secret", () => {
  test("POST rotate answers a new whsec_ secret once, with the previous one's overlap after a second rotation", async ({ apiA, a }) => {
    const first = await apiA("POST", `/v1/projects/${a.project_id}/webhook-secret/rotate`);
    expect(first.status(), await first.text()).toBe(200);
    const created = await first.json();
    expect(Object.keys(created)).toEqual(["project_id", "secret", "previous_secret_expires_at"]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    const second = await (await apiA("POST", `/v1/projects/${a.project_id}/webhook-secret/rotate`, { body: {} })).json();
    expect(second.secret).not.toBe(created.secret);
    expect(second.previous_secret_expires_at).toMatch(ISO);
    // Shown once: nothing else answers it.
    const policy = await (await apiA("GET", `/v1/projects/${a.project_id}/key-policy`)).text();
    expect(policy).not.toContain(second.secret);
    const error = await expectError(
      await apiA("POST", `/v1/projects/${a.project_id}/webhook-secret/rotate`, { body: { secret: "mine" } }),
      400,
      "invalid_request",
    );
    expect(error.error.details?.[0]?.field).toBe("secret");
  });
});

test.describe("webhook deliveries", () => {
  /** A key with a webhook, rotated with a grace period: one api_key.rotated message whose new key is held. */
  async function rotatedWithWebhook(api: ReturnType<typeof caller>, projectId: string, graceSeconds: number) {
    const key = await (
      await api("POST", "/v1/api-keys", {
        body: { project_id: projectId, name: "hooked", rotation_webhook_url: "https://hooks.example.com/latchkey" },
      })
    ).json();
    const rotation = await (await api("POST", `/v1/api-keys/${key.id}/rotate`, { body: { grace_period_seconds: graceSeconds } })).json();
    return { key, rotation };
  }

  test("GET lists messages newest first, paged, without the new key; POST redeliver tries again now", async ({ apiA, a }) => {
    const { key, rotation } = await rotatedWithWebhook(apiA, a.project_id, 3600);
    const page = await apiA("GET", `/v1/projects/${a.project_id}/webhook-deliveries?limit=1`);
    expect(page.status()).toBe(200);
    const text = await page.text();
    expect(text).not.toContain(rotation.key);
    const body = JSON.parse(text);
    expect(body.deliveries).toHaveLength(1);
    const [message] = body.deliveries;
    expect(message).toMatchObject({
      id: expect.stringMatching(/^msg_/),
      event_type: "api_key.rotated",
      key_id: key.id,
      redeliverable: true,
      url: "https://hooks.example.com/latchkey",
    });
    expect(message.payload).toMatchObject({ type: "api_key.rotated", data: { old_key_id: key.id, new_key_id: rotation.new_key_id } });
    expect(message.payload.data).not.toHaveProperty("key");

    const redelivered = await apiA("POST", `/v1/projects/${a.project_id}/webhook-deliveries/${message.id}/redeliver`);
    expect(redelivered.status(), await redelivered.text()).toBe(200);
    const after = await redelivered.json();
    // hooks.example.com does not resolve here: the attempt fails, is logged, and the message stays pending.
    expect(after).toMatchObject({ id: message.id, status: "pending", redeliverable: true });
    expect(after.attempt_count).toBeGreaterThanOrEqual(message.attempt_count + 1);
    expect(after.attempts.at(-1)).toMatchObject({
      outcome: "failed",
      status_code: null,
      error: expect.any(String),
      started_at: expect.stringMatching(ISO),
    });
  });

  test("redeliver answers 409 once a rotation's new key is no longer held", async ({ apiA, a }) => {
    // Without a grace period the new key is never held: there is nothing to send again.
    const { key } = await rotatedWithWebhook(apiA, a.project_id, 0);
    const list = await (await apiA("GET", `/v1/projects/${a.project_id}/webhook-deliveries?limit=100`)).json();
    const message = list.deliveries.find((d: { key_id: string }) => d.key_id === key.id);
    expect(message.redeliverable).toBe(false);
    await expectError(await apiA("POST", `/v1/projects/${a.project_id}/webhook-deliveries/${message.id}/redeliver`), 409, "conflict");
  });

  test("refuse bad queries and bodies, naming the field", async ({ apiA, a }) => {
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=1001", "limit"],
      ["cursor=garbage", "cursor"],
    ]) {
      const error = await expectError(
        await apiA("GET", `/v1/projects/${a.project_id}/webhook-deliveries?${query}`),
        400,
        "invalid_request",
      );
      expect(error.error.details?.[0]?.field, query).toBe(field);
    }
    const { key } = await rotatedWithWebhook(apiA, a.project_id, 600);
    const list = await (await apiA("GET", `/v1/projects/${a.project_id}/webhook-deliveries?limit=100`)).json();
    const message = list.deliveries.find((d: { key_id: string }) => d.key_id === key.id);
    const error = await expectError(
      await apiA("POST", `/v1/projects/${a.project_id}/webhook-deliveries/${message.id}/redeliver`, {
        body: { url: "https://evil.example" },
      }),
      400,
      "invalid_request",
    );
    expect(error.error.details?.[0]?.field).toBe("url");
  });
});

test.describe("authentication and isolation", () => {
  test("401 without a key, 403 for a verifier key, 404 for another team's project or message", async ({ apiA, apiB, a, b, request }) => {
    const { api_key } = await (await apiA("POST", `/v1/apps/${a.app_id}/api-keys`, { body: { name: "edge", role: "verifier" } })).json();
    const verifier = caller(request, api_key.plaintext_key);
    // A message of team A's, to reach for from team B.
    const key = await (
      await apiA("POST", "/v1/api-keys", {
        body: { project_id: a.project_id, name: "theirs", rotation_webhook_url: "https://hooks.example.com/a" },
      })
    ).json();
    await apiA("POST", `/v1/api-keys/${key.id}/rotate`, { body: { grace_period_seconds: 600 } });
    const list = await (await apiA("GET", `/v1/projects/${a.project_id}/webhook-deliveries?limit=100`)).json();
    const messageId = list.deliveries.find((d: { key_id: string }) => d.key_id === key.id).id;
    const before = await (await apiA("GET", `/v1/projects/${a.project_id}/key-policy`)).json();

    const endpoints: [string, string, unknown][] = [
      ["GET", `/v1/projects/${a.project_id}/key-policy`, undefined],
      ["PATCH", `/v1/projects/${a.project_id}/key-policy`, { max_key_lifetime_days: 1 }],
      ["POST", `/v1/projects/${a.project_id}/webhook-secret/rotate`, undefined],
      ["GET", `/v1/projects/${a.project_id}/webhook-deliveries`, undefined],
      ["POST", `/v1/projects/${a.project_id}/webhook-deliveries/${messageId}/redeliver`, undefined],
    ];
    for (const [method, path, body] of endpoints) {
      await expectError(await apiA(method, path, { key: null, body }), 401, "unauthorized");
      await expectError(await verifier(method, path, { body }), 403, "forbidden");
      await expectError(await apiB(method, path, { body }), 404, "not_found");
      await expectError(await apiA(method, path.replace(a.project_id, "prj_guessed"), { body }), 404, "not_found");
    }
    // Team B's own project with team A's message, and a guessed message id.
    await expectError(await apiB("POST", `/v1/projects/${b.project_id}/webhook-deliveries/${messageId}/redeliver`), 404, "not_found");
    await expectError(await apiA("POST", `/v1/projects/${a.project_id}/webhook-deliveries/msg_guessed/redeliver`), 404, "not_found");
    // Nothing changed for team A.
    expect(await (await apiA("GET", `/v1/projects/${a.project_id}/key-policy`)).json()).toEqual(before);
    const audit = await (await apiA("GET", `/v1/apps/${a.app_id}/audit-events?target_id=${messageId}`)).json();
    expect(audit.audit_events).toEqual([]);
  });
});
