import { caller, expect, expectError, ISO, test } from "../fixtures";

// GET /v1/apps/{app_id}/audit-events: every mutation through the API leaves a record.
test.describe("audit events", () => {
  test("record who did what to which key, newest first, without secrets", async ({ apiA, a }) => {
    const created = await (
      await apiA("POST", "/v1/api-keys", {
        body: { project_id: a.project_id, name: "audited" },
        headers: { "user-agent": "audit-test/1.0" },
      })
    ).json();
    await apiA("PATCH", `/v1/api-keys/${created.id}`, { body: { name: "renamed" } });
    const rotated = await (await apiA("POST", `/v1/api-keys/${created.id}/rotate`, { body: { grace_period_seconds: 60 } })).json();
    await apiA("DELETE", `/v1/api-keys/${rotated.new_key_id}`);

    const response = await apiA("GET", `/v1/apps/${a.app_id}/audit-events?target_id=${created.id}`);
    expect(response.status()).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(rotated.key);
    const { audit_events } = JSON.parse(text);
    expect(audit_events.map((e: { action: string }) => e.action)).toEqual(["api_key.rotated", "api_key.updated", "api_key.created"]);
    const [, updated, first] = audit_events;
    expect(first).toMatchObject({
      actor: { type: "app_key", id: expect.stringMatching(/^apk_/) },
      target: { type: "api_key", id: created.id },
      user_agent: "audit-test/1.0",
      created_at: expect.stringMatching(ISO),
    });
    expect(updated.metadata).toMatchObject({ before: { name: "audited" }, after: { name: "renamed" } });

    const revoked = await (
      await apiA("GET", `/v1/apps/${a.app_id}/audit-events?action=api_key.revoked&target_id=${rotated.new_key_id}`)
    ).json();
    expect(revoked.audit_events).toHaveLength(1);
  });

  test("pages with a cursor, without gaps or repeats", async ({ apiA, a }) => {
    for (let i = 0; i < 5; i++) await apiA("POST", `/v1/apps/${a.app_id}/api-keys`, { body: { name: `paged ${i}` } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page = await (await apiA("GET", `/v1/apps/${a.app_id}/audit-events?action=app_api_key.created&limit=2${query}`)).json();
      expect(page.audit_events.length).toBeLessThanOrEqual(2);
      seen.push(...page.audit_events.map((e: { id: string }) => e.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(6); // five here, and the bootstrap key

    await expectError(await apiA("GET", `/v1/apps/${a.app_id}/audit-events?cursor=bm9wZQ`), 400, "invalid_request");
    await expectError(await apiA("GET", `/v1/apps/${a.app_id}/audit-events?limit=1001`), 400, "invalid_request");
  });

  test("another team's audit trail reads as not found; a verifier key may not read it", async ({ apiA, apiB, a, request }) => {
    await expectError(await apiB("GET", `/v1/apps/${a.app_id}/audit-events`), 404, "not_found");
    const { api_key } = await (await apiA("POST", `/v1/apps/${a.app_id}/api-keys`, { body: { name: "edge", role: "verifier" } })).json();
    await expectError(await caller(request, api_key.plaintext_key)("GET", `/v1/apps/${a.app_id}/audit-events`), 403, "forbidden");
  });
});
