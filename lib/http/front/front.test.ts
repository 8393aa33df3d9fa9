import { mkdtempSync } from "node:fs";
import { Agent, createServer, request as httpRequest, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { createTestDatabase } from "../../../test/helpers/test-db";

const MIGRATIONS = path.resolve(
  import.meta.dirname,
  `../../../prisma/${process.env.LATCHKEY_TEST_POSTGRES_URL ? "postgresql" : "sqlite"}/migrations`,
);

// The real front thread (cli/front.ts in a worker thread) against a real database: verification
// there, lookups, evictions and usage through the main thread, and everything else passed to a
// stand-in for Next on a Unix socket.

await createTestDatabase();
// Set before the front thread starts, which reads its environment then.
const METRICS_TOKEN = "front-test-metrics-token-0123456789";
process.env.LATCHKEY_METRICS_TOKEN = METRICS_TOKEN;

const { bootstrap } = await import("../../domain/bootstrap");
const { db, disconnectDb } = await import("../../platform/db");
const { createApiKey, revokeApiKey } = await import("../../domain/keys/service");
const { rotateApiKey } = await import("../../domain/keys/rotate");
const { startFront } = await import("./host");
type Front = Awaited<ReturnType<typeof startFront>>;

const tenant = await bootstrap({ team: "Front", app: "Front", project: "Front" });
const scope = {
  teamId: tenant.team_id,
  appId: tenant.app_id,
  actor: { type: "system" as const, id: "test" },
  request: { ipAddress: null, userAgent: null },
};

let upstream: Server;
let upstreamSeen: { url: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];
let front: Front;
let socket: string;
let port: number;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

beforeAll(async () => {
  socket = path.join(mkdtempSync(path.join(tmpdir(), "latchkey-front-")), "next.sock");
  // Stands in for Next: echoes what it was sent, with two cookies and a streamed body.
  upstream = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    if (request.url === "/too-large") return void response.writeHead(413).end("too large"); // answers before reading the body
    request.on("end", () => {
      upstreamSeen.push({ url: request.url!, headers: request.headers, body });
      if (request.url === "/down") return request.socket.destroy();
      response.writeHead(207, { "set-cookie": ["a=1; Path=/", "b=2; Path=/"], "content-type": "text/plain" });
      response.write("first,");
      setTimeout(() => response.end(`second:${body}`), 20);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(socket, resolve));
  port = await freePort();
  front = await startFront(new URL("../../../cli/front.mjs", import.meta.url), {
    port,
    hostname: "127.0.0.1",
    upstream: socket,
    migrationsDir: MIGRATIONS,
  });
});

afterAll(async () => {
  await new Promise((resolve) => upstream.close(resolve));
  await disconnectDb();
});

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function send(method: string, url: string, body?: string, headers: Record<string, string> = {}, agent?: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, method, path: url, headers, agent }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

const verify = async (key: string) => {
  const answer = await send("POST", "/v1/api-keys/verify", JSON.stringify({ key }), {
    authorization: `Bearer ${tenant.api_key}`,
    "content-type": "application/json",
  });
  expect(answer.status).toBe(200);
  return JSON.parse(answer.body) as { valid: boolean; code: string; key_id: string | null };
};

describe("the front thread", () => {
  it("verifies on its own thread, looking keys up through the main thread, and never answers from an entry the main thread evicted", async () => {
    for (let round = 0; round < 10; round++) {
      const { plaintext, row } = await createApiKey(scope, { project_id: tenant.project_id, name: `k${round}` });
      expect(await verify(plaintext)).toMatchObject({ valid: true, code: "VALID", key_id: row.id });
      expect(await verify(plaintext)).toMatchObject({ valid: true }); // now from the front thread's cache
      await revokeApiKey(scope, row.id);
      // No wait: the revocation has returned, so the next verification must see it.
      expect(await verify(plaintext)).toMatchObject({ valid: false, code: "REVOKED" });
    }
    expect(upstreamSeen.filter((r) => r.url.startsWith("/v1/api-keys/verify"))).toEqual([]);
  });

  it("accepts a rotated key's successor at once and the old key through its grace period", async () => {
    const { plaintext } = await createApiKey(scope, { project_id: tenant.project_id, name: "rotating" });
    expect(await verify(plaintext)).toMatchObject({ valid: true });
    const rotated = await rotateApiKey(scope, (await db().apiKey.findFirstOrThrow({ where: { name: "rotating" } })).id, {
      grace_period_seconds: 60,
    });
    expect(await verify(rotated.plaintext)).toMatchObject({ valid: true, code: "VALID" });
    expect(await verify(plaintext)).toMatchObject({ valid: true, code: "VALID" });
  });

  it("passes other requests to Next with their bodies and headers, streams the answer back, and decides the client's address itself", async () => {
    upstreamSeen = [];
    const answer = await send("POST", "/v1/api-keys?project_id=x", "payload", {
      "x-latchkey-client-ip": "203.0.113.9",
      "x-custom": "kept",
      connection: "keep-alive",
    });
    expect(answer).toMatchObject({ status: 207, body: "first,second:payload" });
    expect(answer.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    const [seen] = upstreamSeen;
    expect(seen).toMatchObject({ url: "/v1/api-keys?project_id=x", body: "payload" });
    expect(seen!.headers["x-custom"]).toBe("kept");
    expect(seen!.headers["x-latchkey-client-ip"]).toBe("127.0.0.1"); // the socket's peer, not what the client claimed
    expect(seen!.headers.host).toBe(`127.0.0.1:${port}`);
  });

  it("passes a chunked body on as a body: it cannot smuggle a second request, with an address of its choosing, to Next", async () => {
    upstreamSeen = [];
    const smuggled = "GET /smuggled HTTP/1.1\r\nHost: x\r\nx-latchkey-client-ip: 6.6.6.6\r\n\r\n";
    const raw = `DELETE /x HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n${smuggled.length.toString(16)}\r\n${smuggled}\r\n0\r\n\r\n`;
    const socket = connect(port, "127.0.0.1");
    socket.write(raw);
    let answer = "";
    for await (const chunk of socket) {
      answer += String(chunk);
      if (answer.includes("second:")) break; // the end of the stand-in's answer
    }
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1.1 207/);
    await new Promise((resolve) => setTimeout(resolve, 100)); // time for a smuggled request to arrive, were there one
    expect(upstreamSeen.map((r) => [r.url, r.body, r.headers["x-latchkey-client-ip"]])).toEqual([["/x", smuggled, "127.0.0.1"]]);
  });

  it("answers /healthz always, and /readyz 503 naming the failing check until every migration is applied", async () => {
    expect(await send("GET", "/healthz")).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    // The test database was made from the migrations' SQL, without the migration engine's table.
    const notReady = await send("GET", "/readyz");
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.body)).toMatchObject({
      status: "not_ready",
      failing: ["migrations"],
      checks: { database: "ok", migrations: expect.stringContaining("latchkey migrate"), change_feed: "ok" },
    });
    const { migrationNames } = await import("../../platform/db/readiness");
    const names = migrationNames(MIGRATIONS);
    await db().$executeRawUnsafe(
      `CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY, "migration_name" TEXT, "finished_at" TIMESTAMP, "rolled_back_at" TIMESTAMP)`,
    );
    const applied = (name: string) => db().$executeRaw`INSERT INTO "_prisma_migrations" VALUES (${name}, ${name}, CURRENT_TIMESTAMP, NULL)`;
    for (const name of names.slice(0, -1)) await applied(name);
    expect(JSON.parse((await send("GET", "/readyz")).body).checks.migrations).toBe("1 migration(s) not applied: run latchkey migrate");
    await applied(names.at(-1)!);
    const ready = await send("GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok", change_feed: "ok" },
      failing: [],
    });
    expect((await send("HEAD", "/readyz")).body).toBe("");
    expect(await send("POST", "/healthz", "{}")).toMatchObject({ status: 405, headers: { allow: "GET, HEAD" } });
    // Not passed to Next.
    expect(upstreamSeen.some((r) => r.url.includes("healthz") || r.url.includes("readyz"))).toBe(false);
  });

  it("serves /metrics for both threads in the Prometheus text format, to the metrics token only", async () => {
    const { plaintext, row } = await createApiKey(scope, { project_id: tenant.project_id, name: "metered" });
    await verify(plaintext);
    await verify(plaintext);
    await revokeApiKey(scope, row.id);
    await expect.poll(async () => (await verify(plaintext)).code).toBe("REVOKED");

    expect((await send("GET", "/metrics")).status).toBe(401);
    expect((await send("GET", "/metrics", undefined, { authorization: "Bearer wrong-token-of-some-length" })).status).toBe(401);
    expect((await send("POST", "/metrics", "", { authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(405);
    const scrape = await send("GET", "/metrics", undefined, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(scrape.status).toBe(200);
    expect(String(scrape.headers["content-type"])).toContain("text/plain");
    const families = parsePrometheusTextFormat(scrape.body) as {
      name: string;
      type: string;
      metrics: { labels?: Record<string, string>; value?: string; count?: string }[];
    }[];
    const family = (name: string) => families.find((f) => f.name === name);
    const valueOf = (name: string, labels: Record<string, string> = {}) =>
      Number(family(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value);
    expect(valueOf("latchkey_verifications_total", { code: "VALID" })).toBeGreaterThanOrEqual(2);
    expect(valueOf("latchkey_verifications_total", { code: "REVOKED" })).toBeGreaterThanOrEqual(1);
    expect(family("latchkey_verify_duration_seconds")?.type).toBe("HISTOGRAM");
    expect(Number(family("latchkey_verify_duration_seconds")!.metrics[0]!.count)).toBeGreaterThanOrEqual(3);
    expect(valueOf("latchkey_verify_cache_hits")).toBeGreaterThanOrEqual(1);
    expect(valueOf("latchkey_verify_cache_evictions")).toBeGreaterThanOrEqual(1);
    expect(valueOf("latchkey_change_feed_connected")).toBe(1);
    // The main thread's, in the same answer.
    expect(valueOf("latchkey_webhook_outbox_depth")).toBeGreaterThanOrEqual(0);
    expect(family("latchkey_webhook_outbox_oldest_age_seconds")?.type).toBe("GAUGE");
    expect(family("latchkey_database_errors_total")?.type).toBe("COUNTER");
    expect(scrape.body).not.toContain(plaintext);
  });

  it("fails to start, and says why, when its port is taken", async () => {
    await expect(
      startFront(new URL("../../../cli/front.mjs", import.meta.url), {
        port,
        hostname: "127.0.0.1",
        upstream: socket,
        migrationsDir: MIGRATIONS,
      }),
    ).rejects.toThrow(/EADDRINUSE/);
  });

  it("keeps the client's connection usable after Next answered before reading a large body", async () => {
    const oneConnection = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await send("POST", "/too-large", "x".repeat(2_000_000), {}, oneConnection)).status).toBe(413);
    expect((await send("GET", "/after", undefined, {}, oneConnection)).status).toBe(207);
    oneConnection.destroy();
  });

  it("answers 502 when Next drops the request", async () => {
    const answer = await send("GET", "/down");
    expect(answer.status).toBe(502);
  });

  it("hands its buffered usage to the main thread when it stops, which writes it", async () => {
    const { plaintext, row } = await createApiKey(scope, { project_id: tenant.project_id, name: "used" });
    expect(await verify(plaintext)).toMatchObject({ valid: true });
    await front.stop(1_000); // well inside the front thread's one-second batching window
    await new Promise((resolve) => setTimeout(resolve, 300)); // the main thread writes what it was handed
    const { flushUsage } = await import("../api/process-verifier");
    await flushUsage();
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.lastUsedAt).not.toBeNull();
    const counts = await db().verificationCount.findMany({ where: { keyId: row.id } });
    expect(counts.map((c) => [c.outcome, c.count])).toEqual([["valid", 1]]);
    await expect(send("GET", "/")).rejects.toThrow(); // and it no longer listens
  });
});
