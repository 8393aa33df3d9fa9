import { createApp, createAppKey, createKey, createProject, expectToast, unique } from "../console/console-flows";
import { signInAs } from "../console/sign-in-as";
import { bootstrapTenant, expect, test } from "../fixtures";
import { createVerifier } from "@latchkey/sdk";
import { openStream, type StreamEvent } from "../sse";
import { type RunningServer, startServer } from "./spawn-server";

// Two production servers on one PostgreSQL database, each with its own verification cache.
const postgresUrl = process.env.LATCHKEY_TEST_POSTGRES_URL;

test.describe("several instances on PostgreSQL", () => {
  let a: RunningServer;
  let b: RunningServer;
  test.beforeAll(async () => {
    // scripts/test.mjs always starts a Postgres server; without one this suite must fail, not pass.
    if (!postgresUrl) throw new Error("LATCHKEY_TEST_POSTGRES_URL is not set: run the suite through npm test");
    [a, b] = await Promise.all([startServer(postgresUrl!), startServer(postgresUrl!)]);
  });
  test.afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  async function call(server: RunningServer, key: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  }

  test("a key revoked through instance A is refused by instance B within a second", async () => {
    const tenant = bootstrapTenant(postgresUrl!, "Instances");
    const { body: created } = await call(a, tenant.api_key, "POST", "/v1/api-keys", { project_id: tenant.project_id, name: "shared" });
    // Both instances have the key cached as valid.
    for (const server of [a, b])
      expect((await call(server, tenant.api_key, "POST", "/v1/api-keys/verify", { key: created.key })).body.valid).toBe(true);

    expect((await call(a, tenant.api_key, "DELETE", `/v1/api-keys/${created.id}`)).status).toBe(204);
    const revokedAt = Date.now();
    await expect
      .poll(async () => (await call(b, tenant.api_key, "POST", "/v1/api-keys/verify", { key: created.key })).body.code, {
        timeout: 1000,
        intervals: [50],
      })
      .toBe("REVOKED");
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  test("a change stream on B tells of a key revoked through A within a second, under the same sequence numbers", async () => {
    const tenant = bootstrapTenant(postgresUrl!, "Streams");
    const [onA, onB] = await Promise.all([
      openStream(`${a.url}/v1/api-keys/changes`, tenant.api_key),
      openStream(`${b.url}/v1/api-keys/changes`, tenant.api_key),
    ]);
    await Promise.all([onA.next((e) => e.event === "heartbeat"), onB.next((e) => e.event === "heartbeat")]);
    const { body: created } = await call(a, tenant.api_key, "POST", "/v1/api-keys", { project_id: tenant.project_id, name: "streamed" });
    expect((await call(a, tenant.api_key, "DELETE", `/v1/api-keys/${created.id}`)).status).toBe(204);
    const revokedAt = Date.now();
    const revoked = (e: StreamEvent) =>
      (e.data as { key_id?: string; change?: string })?.key_id === created.id && (e.data as { change?: string }).change === "revoked";
    const [fromA, fromB] = await Promise.all([onA.next(revoked, 1_000), onB.next(revoked, 1_000)]);
    expect(fromB.at - revokedAt).toBeLessThan(1_000);
    expect(fromB.id).toBe(fromA.id);
    onA.close();
    onB.close();
  });

  test("a key rotated through B: A accepts the new key at once and the old one until the grace period ends", async () => {
    const tenant = bootstrapTenant(postgresUrl!, "Rotation");
    const { body: created } = await call(b, tenant.api_key, "POST", "/v1/api-keys", { project_id: tenant.project_id, name: "rotating" });
    expect((await call(a, tenant.api_key, "POST", "/v1/api-keys/verify", { key: created.key })).body.valid).toBe(true);

    const { body: rotated } = await call(b, tenant.api_key, "POST", `/v1/api-keys/${created.id}/rotate`, { grace_period_seconds: 2 });
    expect((await call(a, tenant.api_key, "POST", "/v1/api-keys/verify", { key: rotated.key })).body.code).toBe("VALID");
    const old = await call(a, tenant.api_key, "POST", "/v1/api-keys/verify", { key: created.key });
    expect(old.body).toMatchObject({ valid: true, grace_expires_at: rotated.grace_expires_at });
    await expect
      .poll(async () => (await call(a, tenant.api_key, "POST", "/v1/api-keys/verify", { key: created.key })).body.code, { timeout: 5000 })
      .toBe("EXPIRED");
  });

  test("an app key deleted through A stops authenticating on B within a second", async () => {
    const tenant = bootstrapTenant(postgresUrl!, "AppKeys");
    const { body } = await call(a, tenant.api_key, "POST", `/v1/apps/${tenant.app_id}/api-keys`, { name: "short-lived" });
    const key = body.api_key.plaintext_key;
    expect((await call(b, key, "GET", `/v1/apps/${tenant.app_id}/api-keys`)).status).toBe(200);
    await call(a, tenant.api_key, "DELETE", `/v1/apps/${tenant.app_id}/api-keys/${body.api_key.id}`);
    await expect
      .poll(async () => (await call(b, key, "GET", `/v1/apps/${tenant.app_id}/api-keys`)).status, { timeout: 1000, intervals: [50] })
      .toBe(401);
  });

  test("an app deleted through A's console: B refuses its app key and its project keys within a second", async ({ browser }) => {
    // The console's sign-in callback goes to NEXTAUTH_URL, http://localhost:<port> by default.
    const context = await browser.newContext({ baseURL: a.url.replace("127.0.0.1", "localhost") });
    const page = await context.newPage();
    await signInAs(page, "owner");
    await page.goto("/demo");
    const name = unique("Doomed app");
    const appId = (await createApp(page, name)).split("/").pop()!;
    expect(appId).toMatch(/^app_/);
    const appKey = await createAppKey(page, "Reader on B", "admin");
    await createProject(page, unique("Doomed project"));
    const projectKey = await createKey(page, "Doomed key");

    // B authenticates the app key and verifies the project key, so it has both cached.
    expect((await call(b, appKey, "GET", `/v1/apps/${appId}/api-keys`)).status).toBe(200);
    expect((await call(b, appKey, "POST", "/v1/api-keys/verify", { key: projectKey })).body.valid).toBe(true);

    await page.goto("/demo");
    await page.getByRole("button", { name: `Delete app ${name}` }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByLabel(/to confirm/).fill(name);
    await dialog.getByRole("button", { name: "Delete app" }).click();
    await expectToast(page, `Deleted app ${name}`);
    const deletedAt = Date.now();

    // The app's keys all went with it: the app key no longer authenticates, so nothing can
    // verify the project key either (no other app's key may see it).
    const refusals = async () => [
      (await call(b, appKey, "GET", `/v1/apps/${appId}/api-keys`)).status,
      (await call(b, appKey, "POST", "/v1/api-keys/verify", { key: projectKey })).status,
    ];
    await expect.poll(refusals, { timeout: 1000, intervals: [50] }).toEqual([401, 401]);
    expect(Date.now() - deletedAt).toBeLessThan(1000);
    await context.close();
  });

  test("an SDK on B refuses a key revoked through A within a second, and one revoked while B was down once B is back", async () => {
    const tenant = bootstrapTenant(postgresUrl!, "SDK across");
    const make = async (name: string) =>
      (await call(a, tenant.api_key, "POST", "/v1/api-keys", { project_id: tenant.project_id, name })).body as { id: string; key: string };
    const [first, second] = [await make("first"), await make("second")];
    const verifier = createVerifier({ baseUrl: b.url, apiKey: tenant.api_key, staleIfErrorSeconds: 60 });
    await expect.poll(() => verifier.stats().streamLive, { timeout: 5_000 }).toBe(true);
    for (const key of [first.key, second.key, first.key, second.key]) expect((await verifier.verify(key)).valid).toBe(true);
    expect(verifier.stats().hits).toBeGreaterThanOrEqual(2);

    // A revocation through A reaches the SDK, which listens to B.
    await call(a, tenant.api_key, "DELETE", `/v1/api-keys/${first.id}`);
    const revokedAt = Date.now();
    await expect.poll(async () => (await verifier.verify(first.key)).code, { timeout: 1_000, intervals: [20] }).toBe("REVOKED");
    expect(Date.now() - revokedAt).toBeLessThan(1_000);

    // B goes down; the second key is revoked through A meanwhile. The SDK may answer from its
    // cache within staleIfErrorSeconds (the server's own rule), and must refuse once B is back.
    const port = Number(new URL(b.url).port);
    await b.stop();
    await expect.poll(() => verifier.stats().streamLive, { timeout: 2_000 }).toBe(false);
    await call(a, tenant.api_key, "DELETE", `/v1/api-keys/${second.id}`);
    const during = await verifier.verify(second.key);
    expect(during.code).toBe("VALID"); // stale, from the cache: B cannot be reached, and 60 s have not passed
    b = await startServer(postgresUrl!, {}, port);
    await expect.poll(async () => (await verifier.verify(second.key)).code, { timeout: 10_000, intervals: [100] }).toBe("REVOKED");
    await verifier.close();
  });
});
