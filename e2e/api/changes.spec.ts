import { expect, test } from "../fixtures";
import { openStream } from "../sse";

// GET /v1/api-keys/changes: the change stream that SDK caches listen to (lib/http/api/change-stream.ts).

test.describe("the change stream", () => {
  test("streams a revoke, a rotation and an update of the caller's app within a second, with ids in order and no secret", async ({
    a,
    apiA,
    baseURL,
  }) => {
    const stream = await openStream(`${baseURL}/v1/api-keys/changes`, a.api_key);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    await stream.next((e) => e.event === "heartbeat");

    // A new key has nothing to evict; its changes are what a cache must hear of.
    const created = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "streamed" } })).json();
    await apiA("PATCH", `/v1/api-keys/${created.id}`, { body: { scopes: ["a"] } });
    const updated = await stream.next((e) => (e.data as { change?: string })?.change === "updated");
    expect(updated.data).toEqual({ key_id: created.id, change: "updated" });

    const revokedAt = Date.now();
    expect((await apiA("DELETE", `/v1/api-keys/${created.id}`)).status()).toBe(204);
    const revoked = await stream.next((e) => (e.data as { change?: string })?.change === "revoked", 1_000);
    expect(revoked.at - revokedAt).toBeLessThan(1_000);
    expect(Number(revoked.id)).toBeGreaterThan(Number(updated.id));
    // Nothing secret: no key material, no hash, anywhere in what was sent.
    expect(JSON.stringify(stream.events)).not.toMatch(/lk_(live|test)_|hash/i);
    stream.close();
  });

  test("beats at least every 250 ms, serves a verifier key, and keeps apps apart", async ({ a, b, apiA, apiB, baseURL }) => {
    const verifier = await (await apiA("POST", `/v1/apps/${a.app_id}/api-keys`, { body: { name: "listener", role: "verifier" } })).json();
    const mine = await openStream(`${baseURL}/v1/api-keys/changes`, verifier.api_key.plaintext_key);
    const theirs = await openStream(`${baseURL}/v1/api-keys/changes`, b.api_key);
    const first = await mine.next((e) => e.event === "heartbeat");
    const start = mine.events.indexOf(first);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const beats = mine.events.slice(start).filter((e) => e.event === "heartbeat");
    expect(beats.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < beats.length; i++) expect(beats[i]!.at - beats[i - 1]!.at).toBeLessThan(250 + 100);

    const created = await (await apiB("POST", "/v1/api-keys", { body: { project_id: b.project_id, name: "theirs" } })).json();
    await apiB("PATCH", `/v1/api-keys/${created.id}`, { body: { name: "theirs, renamed" } });
    await theirs.next((e) => (e.data as { key_id?: string })?.key_id === created.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mine.events.some((e) => (e.data as { key_id?: string })?.key_id === created.id)).toBe(false);
    mine.close();
    theirs.close();
  });

  test("a client that reconnects with Last-Event-ID gets exactly what it missed", async ({ a, apiA, baseURL }) => {
    const stream = await openStream(`${baseURL}/v1/api-keys/changes`, a.api_key);
    const created = await (await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "resumed" } })).json();
    await apiA("PATCH", `/v1/api-keys/${created.id}`, { body: { scopes: ["first"] } });
    const seen = await stream.next((e) => (e.data as { key_id?: string })?.key_id === created.id);
    stream.close();

    // While it was away: a rename and a revoke.
    await apiA("PATCH", `/v1/api-keys/${created.id}`, { body: { name: "renamed" } });
    await apiA("DELETE", `/v1/api-keys/${created.id}`);
    const again = await openStream(`${baseURL}/v1/api-keys/changes`, a.api_key, { "last-event-id": seen.id! });
    await again.next((e) => (e.data as { change?: string })?.change === "revoked");
    const missed = again.events
      .filter((e) => (e.data as { key_id?: string })?.key_id === created.id)
      .map((e) => (e.data as { change: string }).change);
    expect(missed).toEqual(["updated", "revoked"]);
    again.close();
  });

  test("refuses a missing or unknown key with 401 and a bad Last-Event-ID with 400, in the error shape", async ({ a, baseURL }) => {
    const none = await fetch(`${baseURL}/v1/api-keys/changes`);
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe("unauthorized");
    const unknown = await openStream(`${baseURL}/v1/api-keys/changes`, "lk_app_nope");
    expect(unknown.status).toBe(401);
    const bad = await fetch(`${baseURL}/v1/api-keys/changes`, { headers: { "last-event-id": "abc" } });
    expect(bad.status).toBe(401); // the key is checked first
    const badId = await fetch(`${baseURL}/v1/api-keys/changes`, {
      headers: { authorization: `Bearer ${a.api_key}`, "last-event-id": "12abc" },
    });
    expect(badId.status).toBe(400);
    expect((await badId.json()).error.code).toBe("invalid_request");
  });
});
