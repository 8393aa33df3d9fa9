// npm run bench: measures POST /v1/api-keys/verify on the production server against a bare
// node:http server that does the same work in memory (the ceiling), in the same run, then the
// management endpoints. SQLite with 100,000 keys, PostgreSQL with 1,000,000. Prints the figures
// and writes them to BENCHMARKS.md. It measures; it does not pass or fail.
import { type ChildProcess, execFileSync, fork, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";
import { generateKey } from "../lib/core/crypto/key-secret";
import { createVerifier } from "../sdk/src/index";
import { bundleServer } from "../cli/bundle.mjs";
import { hasPostgres, startPostgres } from "./lib/postgres.mjs";
import { startRedis } from "../test/helpers/redis";

const root = path.resolve(import.meta.dirname, "..");
const CONNECTIONS = 64;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const SAMPLE = 2000; // keys whose plaintext the load cycles through

type Tenant = { team_id: string; app_id: string; project_id: string; environments: { id: string; name: string }[]; api_key: string };
type Result = { label: string; rps: number; p50: number; p99: number; errors: number; non2xx: number; rssMb?: number; cpuUs?: number };

function bootstrap(databaseUrl: string): Tenant {
  const out = execFileSync(
    process.execPath,
    ["bin/latchkey.mjs", "bootstrap", "--team", "Bench", "--app", "Bench", "--project", "Bench", "--json"],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return JSON.parse(out) as Tenant;
}

type Row = [id: string, keyPrefix: string, keyHash: string];

/** `total` key rows; the first SAMPLE carry a real plaintext for the load to present. */
function makeKeys(total: number): { rows: Row[]; plaintexts: string[] } {
  const rows: Row[] = [];
  const plaintexts: string[] = [];
  for (let i = 0; i < total; i++) {
    if (i < SAMPLE) {
      const key = generateKey("live");
      plaintexts.push(key.plaintext);
      rows.push([`key_bench${i}`, key.prefix, key.hash]);
    } else {
      rows.push([`key_bench${i}`, "lk_live_bench000", createHash("sha256").update(randomBytes(32)).digest("hex")]);
    }
  }
  return { rows, plaintexts };
}

const COLUMNS = `"id","appId","projectId","environmentId","name","keyPrefix","keyHash","scopes","createdAt","createdBy"`;

function seedSqlite(file: string, tenant: Tenant, rows: Row[]): void {
  const sqlite = new Database(file);
  const env = tenant.environments[0]!.id;
  const insert = sqlite.prepare(`INSERT INTO "ApiKey" (${COLUMNS}) VALUES (?, ?, ?, ?, 'bench', ?, ?, '["read"]', ?, 'bench')`);
  // Written as Prisma's SQLite adapter writes a DateTime (lib/platform/db/raw.ts toSqliteTime): SQLite compares
  // them as text, so a "…Z" row would sort after every "…+00:00" parameter and a page walk would never end.
  const now = new Date().toISOString().replace("Z", "+00:00");
  sqlite.transaction(() => {
    for (const [id, prefix, hash] of rows) insert.run(id, tenant.app_id, tenant.project_id, env, prefix, hash, now);
  })();
  sqlite.close();
}

async function seedPostgres(url: string, tenant: Tenant, rows: Row[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const env = tenant.environments[0]!.id;
  const BATCH = 5000;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const values = batch.map(
      (_, j) =>
        `($${j * 3 + 1}, '${tenant.app_id}', '${tenant.project_id}', '${env}', 'bench', $${j * 3 + 2}, $${j * 3 + 3}, '["read"]', now(), 'bench')`,
    );
    await client.query(`INSERT INTO "ApiKey" (${COLUMNS}) VALUES ${values.join(",")}`, batch.flat());
  }
  await client.query(`ANALYZE "ApiKey"`);
  await client.end();
}

async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not answer`);
}

let serverBundle: ReturnType<typeof bundleServer> | undefined;

/** The production server as `latchkey start` runs it, started without the bin wrapper so that its RSS can be read. */
async function startLatchkey(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const { nodeArgs } = await (serverBundle ??= bundleServer(root));
  const child = spawn(process.execPath, [...nodeArgs, "start"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/v1/openapi.json`);
  return { url, child };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** CPU time the process has used, all its threads, in microseconds (utime + stime, /proc/<pid>/stat). */
function cpuUs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6;
}
const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/**
 * One autocannon run. With `rssPid`, the server's peak RSS is sampled; with `cpuPid`, its CPU
 * time per request is measured: unlike throughput, that barely moves when the shared machine's
 * speed drifts, so it compares two servers more steadily.
 */
async function load(
  label: string,
  url: string,
  requests: autocannon.Request[],
  options: { rssPid?: number; cpuPid?: number; duration?: number; headers?: Record<string, string>; connections?: number } = {},
): Promise<Result> {
  let peak = 0;
  const sampler = options.rssPid ? setInterval(() => (peak = Math.max(peak, rssMb(options.rssPid!))), 250) : undefined;
  const cpuBefore = options.cpuPid ? cpuUs(options.cpuPid) : 0;
  const result = await autocannon({
    url,
    connections: options.connections ?? CONNECTIONS,
    duration: options.duration ?? DURATION_S,
    requests,
    headers: options.headers,
  });
  const cpuPerRequest = options.cpuPid ? (cpuUs(options.cpuPid) - cpuBefore) / Math.max(1, result.requests.total) : undefined;
  if (sampler) clearInterval(sampler);
  return {
    cpuUs: cpuPerRequest === undefined ? undefined : Math.round(cpuPerRequest),
    label,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rssMb: options.rssPid ? Math.round(peak) : undefined,
  };
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MANAGEMENT_CONNECTIONS = 16;

type SdkRun = {
  name: string;
  cached: { perSecond: number; p50Us: number; p99Us: number };
  network: { perSecond: number; p50Ms: number; p99Ms: number };
  revocationMs: { p50: number; p99: number; max: number; count: number };
};
const sdkRuns: SdkRun[] = [];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;

/**
 * The SDK's verifier against this server: cached verifications in this process (one core, one
 * after another), the same through the network (cache off, 16 at a time), and the time from a
 * revoke's response to the first refusal in a connected verifier, over 100 revokes.
 */
async function sdkBench(url: string, tenant: Tenant, small: Tenant, plaintexts: string[]): Promise<Omit<SdkRun, "name">> {
  const verifier = createVerifier({ baseUrl: url, apiKey: tenant.api_key });
  while (!verifier.stats().streamLive) await new Promise((resolve) => setTimeout(resolve, 50));
  const sample = plaintexts.slice(0, 1000);
  for (const key of sample) await verifier.verify(key, { scopes: ["read"] });
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; performance.now() - started < 3_000; i++) {
    const t = performance.now();
    await verifier.verify(sample[i % sample.length]!, { scopes: ["read"] });
    times.push((performance.now() - t) * 1000);
  }
  const cachedSeconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const cached = {
    perSecond: Math.round(times.length / cachedSeconds),
    p50Us: Math.round(quantile(times, 0.5) * 10) / 10,
    p99Us: Math.round(quantile(times, 0.99) * 10) / 10,
  };

  const uncached = createVerifier({ baseUrl: url, apiKey: tenant.api_key, cache: false });
  const latencies: number[] = [];
  const networkStart = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async (_, lane) => {
      for (let i = lane; performance.now() - networkStart < 3_000; i += 16) {
        const t = performance.now();
        await uncached.verify(sample[i % sample.length]!, { scopes: ["read"] });
        latencies.push(performance.now() - t);
      }
    }),
  );
  const networkSeconds = (performance.now() - networkStart) / 1000;
  latencies.sort((a, b) => a - b);
  const network = {
    perSecond: Math.round(latencies.length / networkSeconds),
    p50Ms: Math.round(quantile(latencies, 0.5) * 10) / 10,
    p99Ms: Math.round(quantile(latencies, 0.99) * 10) / 10,
  };
  uncached.close();

  const headers = { authorization: `Bearer ${small.api_key}`, "content-type": "application/json" };
  const watcher = createVerifier({ baseUrl: url, apiKey: small.api_key });
  while (!watcher.stats().streamLive) await new Promise((resolve) => setTimeout(resolve, 50));
  const delays: number[] = [];
  for (let i = 0; i < 100; i++) {
    const created = (await (
      await fetch(`${url}/v1/api-keys`, {
        method: "POST",
        headers,
        body: JSON.stringify({ project_id: small.project_id, name: `revoke ${i}` }),
      })
    ).json()) as { id: string; key: string };
    await watcher.verify(created.key);
    await watcher.verify(created.key);
    await (await fetch(`${url}/v1/api-keys/${created.id}`, { method: "DELETE", headers })).arrayBuffer();
    const revokedAt = performance.now();
    // Bounded, so that a revocation that never arrives shows as a 5 s delay instead of hanging the run.
    while ((await watcher.verify(created.key)).valid && performance.now() - revokedAt < 5_000)
      await new Promise((resolve) => setTimeout(resolve, 1));
    delays.push(performance.now() - revokedAt);
  }
  watcher.close();
  verifier.close();
  delays.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    cached,
    network,
    revocationMs: {
      p50: round(quantile(delays, 0.5)),
      p99: round(quantile(delays, 0.99)),
      max: round(delays.at(-1)!),
      count: delays.length,
    },
  };
}

type Walk = {
  name: string;
  keys: number;
  firstPageMs: number;
  smallPageMs: number;
  pages: number;
  seen: number;
  seconds: number;
  rssBeforeMb: number;
  rssPeakMb: number;
};
const walks: Walk[] = [];

/** The median time of one GET, over 21 requests one after another. */
async function timeRequests(url: string, headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  return Math.round(times.sort((a, b) => a - b)[10]! * 10) / 10;
}

/** Every page of the big project's keys, 1,000 at a time, following the Link header. */
async function walk(server: { url: string; child: ChildProcess }, tenant: Tenant, headers: Record<string, string>) {
  const rssBeforeMb = Math.round(rssMb(server.child.pid!));
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, Math.round(rssMb(server.child.pid!)))), 100);
  const ids = new Set<string>();
  let pages = 0;
  let next: string | null = `/v1/api-keys?project_id=${tenant.project_id}&limit=1000`;
  const started = performance.now();
  while (next) {
    const response: Response = await fetch(`${server.url}${next}`, { headers });
    for (const key of (await response.json()) as { id: string }[]) ids.add(key.id);
    next = /^<([^>]+)>; rel="next"$/.exec(response.headers.get("link") ?? "")?.[1] ?? null;
    pages++;
  }
  clearInterval(sampler);
  return { pages, seen: ids.size, seconds: Math.round((performance.now() - started) / 100) / 10, rssBeforeMb, rssPeakMb };
}

/** The median of each figure over the rounds (the peak RSS is the highest seen). */
function median(rounds: Result[]): Result {
  const mid = (pick: (r: Result) => number) => rounds.map(pick).sort((a, b) => a - b)[Math.floor(rounds.length / 2)]!;
  const rss = rounds.flatMap((r) => (r.rssMb === undefined ? [] : [r.rssMb]));
  const cpu = rounds.flatMap((r) => (r.cpuUs === undefined ? [] : [r.cpuUs])).sort((a, b) => a - b);
  return {
    label: rounds.length > 1 ? `${rounds[0]!.label}, median of ${rounds.length}` : rounds[0]!.label,
    rps: mid((r) => r.rps),
    p50: mid((r) => r.p50),
    p99: mid((r) => r.p99),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    rssMb: rss.length > 0 ? Math.max(...rss) : undefined,
    cpuUs: cpu[Math.floor(cpu.length / 2)],
  };
}

/** Each request presents a key drawn at random from the sample, as real traffic would. */
function verifyRequests(plaintexts: string[]): autocannon.Request[] {
  const bodies = plaintexts.map((key) => JSON.stringify({ key, scopes: ["read"] }));
  return [
    {
      method: "POST",
      path: "/v1/api-keys/verify",
      setupRequest: (request) => ({ ...request, body: bodies[Math.floor(Math.random() * bodies.length)] }),
    },
  ];
}

async function runDatabase(
  name: string,
  databaseUrl: string,
  keyCount: number,
  seed: (tenant: Tenant, rows: Row[]) => Promise<void> | void,
): Promise<Result[]> {
  console.log(`\n== ${name}: seeding ${keyCount.toLocaleString()} keys`);
  const tenant = bootstrap(databaseUrl);
  const { rows, plaintexts } = makeKeys(keyCount);
  const started = Date.now();
  await seed(tenant, rows);
  console.log(`   seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // The ceiling: the same work in memory on bare node:http, with the same keys.
  const bare = fork(path.join(root, "scripts/lib/bare-verify-server.mjs"), [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const barePort: number = await new Promise((resolve) => bare.once("message", (m) => resolve((m as { port: number }).port)));
  bare.send({ hashes: rows.map((r) => r[2]) });
  await new Promise((resolve) => bare.once("message", resolve));

  const server = await startLatchkey(databaseUrl);
  const headers = { authorization: `Bearer ${tenant.api_key}`, "content-type": "application/json" };
  const results: Result[] = [];
  try {
    const requests = verifyRequests(plaintexts);
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await load("warm-up", server.url, requests, { duration: 3, headers });
    await load("warm-up", bareUrl, requests, { duration: 2, headers });
    // Interleaved rounds, medians reported: a shared machine's speed drifts, and both servers
    // should see the same drift.
    const ours: Result[] = [];
    const ceiling: Result[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      ours.push(
        await load(`${name}: POST /v1/api-keys/verify (Latchkey)`, server.url, requests, {
          rssPid: server.child.pid,
          cpuPid: server.child.pid,
          headers,
        }),
      );
      ceiling.push(await load(`${name}: bare node:http, same work in memory`, bareUrl, requests, { cpuPid: bare.pid, headers }));
      const [a, b] = [ours.at(-1)!, ceiling.at(-1)!];
      console.log(
        `   round ${round + 1}: Latchkey ${a.rps} req/s (${a.cpuUs} µs CPU/req), bare ${b.rps} req/s (${b.cpuUs} µs CPU/req): ${Math.round((a.rps / b.rps) * 100)} %`,
      );
    }
    results.push(median(ours), median(ceiling));

    // Management endpoints at 16 connections, on a second tenant's project of 50 keys (a realistic
    // list), each against the same server's cheapest route handler in the same run: an unknown
    // /v1 path, which Next routes to a handler that answers 404 without touching the database.
    const small = await createSmallProject(databaseUrl, server.url);
    const smallHeaders = { ...headers, authorization: `Bearer ${small.api_key}` };
    const management = { duration: 5, headers: smallHeaders, connections: MANAGEMENT_CONNECTIONS, cpuPid: server.child.pid };
    results.push(
      await load(
        `${name}: GET /v1/no-such-endpoint (404, the floor)`,
        server.url,
        [{ method: "GET", path: "/v1/no-such-endpoint" }],
        management,
      ),
    );
    results.push(
      await load(
        `${name}: GET /v1/api-keys?project_id= (50 keys)`,
        server.url,
        [{ method: "GET", path: `/v1/api-keys?project_id=${small.project_id}` }],
        management,
      ),
    );
    const createBody = JSON.stringify({ project_id: small.project_id, name: "bench", scopes: ["read"] });
    results.push(
      await load(`${name}: POST /v1/api-keys`, server.url, [{ method: "POST", path: "/v1/api-keys", body: createBody }], management),
    );
    let renames = 0;
    const renameRequests: autocannon.Request[] = [
      {
        method: "PATCH",
        setupRequest: (request) => ({
          ...request,
          path: `/v1/api-keys/${small.keyIds[renames++ % small.keyIds.length]}`,
          body: JSON.stringify({ name: `renamed ${renames}` }),
        }),
      },
    ];
    results.push(await load(`${name}: PATCH /v1/api-keys/{keyID} (rename)`, server.url, renameRequests, management));

    // The big project's list: its first page against the 50-key list's, one request at a time, and
    // a walk of every page, with the server's RSS before and at its peak.
    const firstPage = await timeRequests(`${server.url}/v1/api-keys?project_id=${tenant.project_id}`, headers);
    const smallPage = await timeRequests(`${server.url}/v1/api-keys?project_id=${small.project_id}`, smallHeaders);
    walks.push({ name, keys: keyCount, firstPageMs: firstPage, smallPageMs: smallPage, ...(await walk(server, tenant, headers)) });
    sdkRuns.push({ name, ...(await sdkBench(server.url, tenant, small, plaintexts)) });
    await limitsBench(name, databaseUrl, server, headers, tenant.project_id);
  } finally {
    bare.kill();
    // Let the server flush and exit before its database goes away.
    const exited = new Promise((resolve) => server.child.once("exit", resolve));
    server.child.kill("SIGTERM");
    await exited;
  }
  return results;
}

type LimitsRun = { name: string; store: string; plain: Result; rateLimited: Result; credits: Result };
const limitsRuns: LimitsRun[] = [];

/**
 * Verify throughput for a key with one rate limit and for a key with credits, as a share of a
 * plain key's on the same server in the same run (interleaved rounds, medians): first on this
 * server (its own store: memory on SQLite, the database on PostgreSQL), then on a second server
 * with REDIS_URL, on a redis-server started here. Limits high enough never to refuse.
 */
async function limitsBench(
  name: string,
  databaseUrl: string,
  server: { url: string; child: ChildProcess },
  headers: Record<string, string>,
  projectId: string,
) {
  const redis = await startRedis().catch((error: unknown) => (console.log(`   no redis-server: ${String(error)}`), null));
  const configs: { store: string; server: { url: string; child: ChildProcess }; own: boolean }[] = [
    { store: name === "SQLite" ? "in memory" : "in the database", server, own: false },
  ];
  if (redis) configs.push({ store: "in Redis", server: await startLatchkey(databaseUrl, { REDIS_URL: redis.url }), own: true });
  try {
    for (const config of configs) {
      const key = async (body: Record<string, unknown>) => {
        const response = await fetch(`${config.server.url}/v1/api-keys`, {
          method: "POST",
          headers,
          // The load asks for the scope "read" (verifyRequests): every key has it, so that each verification reaches the limits.
          body: JSON.stringify({ project_id: projectId, scopes: ["read"], ...body }),
        });
        return ((await response.json()) as { key: string }).key;
      };
      const [plain, limited, metered] = [
        await key({ name: "plain" }),
        await key({ name: "rate limited", rate_limits: [{ name: "huge", limit: 1_000_000_000, window_seconds: 60 }] }),
        await key({ name: "metered", credits: { remaining: 1_000_000_000 } }),
      ];
      const run = (label: string, plaintext: string) =>
        load(`${name} (${config.store}): verify, ${label}`, config.server.url, verifyRequests([plaintext]), { duration: 5, headers });
      await run("warm-up", limited);
      await run("warm-up", metered);
      const rounds: Result[][] = [[], [], []];
      for (let round = 0; round < 3; round++) {
        rounds[0]!.push(await run("a plain key", plain));
        rounds[1]!.push(await run("a key with one rate limit", limited));
        rounds[2]!.push(await run("a key with credits", metered));
      }
      const [p, r, c] = rounds.map(median) as [Result, Result, Result];
      console.log(`   limits (${config.store}): plain ${p.rps}, rate limit ${r.rps}, credits ${c.rps} req/s`);
      limitsRuns.push({ name, store: config.store, plain: p, rateLimited: r, credits: c });
    }
  } finally {
    for (const config of configs.filter((c) => c.own)) {
      const exited = new Promise((resolve) => config.server.child.once("exit", resolve));
      config.server.child.kill("SIGTERM");
      await exited;
    }
    await redis?.stop();
  }
}

/** A second tenant whose project holds 50 keys, made through the API as a client would. */
async function createSmallProject(databaseUrl: string, url: string): Promise<Tenant & { keyIds: string[] }> {
  const tenant = bootstrap(databaseUrl);
  const headers = { authorization: `Bearer ${tenant.api_key}`, "content-type": "application/json" };
  const keyIds: string[] = [];
  for (let i = 0; i < 50; i++) {
    const response = await fetch(`${url}/v1/api-keys`, {
      method: "POST",
      headers,
      body: JSON.stringify({ project_id: tenant.project_id, name: `k${i}` }),
    });
    keyIds.push(((await response.json()) as { id: string }).id);
  }
  return { ...tenant, keyIds };
}

function table(results: Result[]): string {
  const lines = [
    "| measurement | req/s | p50 ms | p99 ms | server CPU µs/req | peak RSS MB | errors / non-2xx |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of results)
    lines.push(
      `| ${r.label} | ${r.rps.toLocaleString("en-US")} | ${r.p50} | ${r.p99} | ${r.cpuUs ?? "—"} | ${r.rssMb ?? "—"} | ${r.errors} / ${r.non2xx} |`,
    );
  return lines.join("\n");
}

function ratioLines(results: Result[]): string[] {
  const out: string[] = [];
  for (const name of ["SQLite", "PostgreSQL"]) {
    const ours = results.find((r) => r.label.startsWith(`${name}: POST /v1/api-keys/verify`));
    const bare = results.find((r) => r.label.startsWith(`${name}: bare`));
    if (!ours || !bare) continue;
    out.push(
      `- ${name}: Latchkey verify reaches **${Math.round((ours.rps / bare.rps) * 100)} %** of the bare server (target 60 %), p99 ${ours.p99} ms (target < 10 ms), peak RSS ${ours.rssMb} MB (target < 300 MB).`,
    );
    if (ours.cpuUs && bare.cpuUs)
      out.push(
        `  Server CPU per verification: ${ours.cpuUs} µs against the bare server's ${bare.cpuUs} µs (${Math.round((bare.cpuUs / ours.cpuUs) * 100)} % of its efficiency; both threads and the usage writes counted).`,
      );
  }
  for (const name of ["SQLite", "PostgreSQL"]) {
    const floor = results.find((r) => r.label.startsWith(`${name}: GET /v1/no-such-endpoint`));
    if (!floor) continue;
    const share = (prefix: string, target: number) => {
      // The exact label: "POST /v1/api-keys" must not match "POST /v1/api-keys/verify …".
      const r = results.find((x) => x.label === `${name}: ${prefix}`)!;
      return `${prefix.split(" (")[0]} **${Math.round((r.rps / floor.rps) * 100)} %** (target ${target} %, p99 ${r.p99} ms)`;
    };
    out.push(
      `- ${name}, ${MANAGEMENT_CONNECTIONS} connections, as a share of the cheapest route's ${floor.rps.toLocaleString("en-US")} req/s: ` +
        `${share("GET /v1/api-keys?project_id= (50 keys)", 60)}; ${share("POST /v1/api-keys", 40)}; ${share("PATCH /v1/api-keys/{keyID} (rename)", 50)}. Target p99 < 100 ms.`,
    );
  }
  for (const s of sdkRuns) {
    out.push(
      `- ${s.name}, the SDK in this process: cached verifications ${s.cached.perSecond.toLocaleString("en-US")}/s on one core (p50 ${s.cached.p50Us} µs, p99 ${s.cached.p99Us} µs, target < 50 µs); ` +
        `through the network with the cache off, 16 at a time: ${s.network.perSecond.toLocaleString("en-US")}/s (p50 ${s.network.p50Ms} ms, p99 ${s.network.p99Ms} ms): ` +
        `**${Math.round(s.cached.perSecond / Math.max(1, s.network.perSecond))}×** (target ≥ 100×). Revocation to a connected SDK over ${s.revocationMs.count} revokes: ` +
        `p50 ${s.revocationMs.p50} ms, p99 ${s.revocationMs.p99} ms, max ${s.revocationMs.max} ms (target p99 < 1 s).`,
    );
  }
  for (const l of limitsRuns) {
    const share = (r: Result) =>
      `**${Math.round((r.rps / l.plain.rps) * 100)} %** (${r.rps.toLocaleString("en-US")} req/s, p99 ${r.p99} ms)`;
    out.push(
      `- ${l.name}, limits counted ${l.store}: verify of a key with one rate limit ${share(l.rateLimited)}, of a key with credits ${share(l.credits)}, ` +
        `as a share of a plain key's ${l.plain.rps.toLocaleString("en-US")} req/s on the same server (target ≥ 70 % without Redis).`,
    );
  }
  for (const w of walks) {
    out.push(
      `- ${w.name}, ${w.keys.toLocaleString("en-US")} keys in one project: the first page (100 keys) answers in ${w.firstPageMs} ms against ${w.smallPageMs} ms for the 50-key project ` +
        `(${(w.firstPageMs / w.smallPageMs).toFixed(1)}×, target ≤ 5×); walking every page at limit=1000 took ${w.seconds} s over ${w.pages.toLocaleString("en-US")} pages and returned ` +
        `${w.seen.toLocaleString("en-US")} distinct keys; the server's RSS went from ${w.rssBeforeMb} MB to a peak of ${w.rssPeakMb} MB (+${w.rssPeakMb - w.rssBeforeMb} MB, target < 100 MB).`,
    );
  }
  return out;
}

async function main(): Promise<void> {
  // Build first, so the figures describe the code in the working tree (BENCH_SKIP_BUILD=1 skips it).
  if (process.env.BENCH_SKIP_BUILD !== "1" || !existsSync(path.join(root, ".next/BUILD_ID"))) {
    execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { cwd: root, stdio: "inherit" });
  }
  const results: Result[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), "latchkey-bench-"));
  const sqliteFile = path.join(dir, "bench.db");
  // BENCH_DATABASES=sqlite (or postgresql) runs one half only, for a quicker look while working.
  const databases = (process.env.BENCH_DATABASES ?? "sqlite,postgresql").split(",");
  if (databases.includes("sqlite")) {
    results.push(
      ...(await runDatabase("SQLite", `file:${sqliteFile}`, Number(process.env.BENCH_SQLITE_KEYS ?? 100_000), (t, rows) =>
        seedSqlite(sqliteFile, t, rows),
      )),
    );
  }

  if (!databases.includes("postgresql")) {
    console.log("BENCH_DATABASES leaves PostgreSQL out");
  } else if (hasPostgres()) {
    const postgres = startPostgres({ port: await freePort() });
    try {
      postgres.createDatabase("bench");
      const url = postgres.url("bench");
      results.push(
        ...(await runDatabase("PostgreSQL", url, Number(process.env.BENCH_POSTGRES_KEYS ?? 1_000_000), (t, rows) =>
          seedPostgres(url, t, rows),
        )),
      );
    } finally {
      postgres.stop();
    }
  } else {
    console.log("PostgreSQL server binaries not found: skipping the PostgreSQL run");
  }

  const machine = `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
  const report = [
    "# Benchmarks",
    "",
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per verify run after a warm-up, Latchkey and the bare server in ${ROUNDS} interleaved rounds (medians shown), 5 s per management run at ${MANAGEMENT_CONNECTIONS} connections.`,
    `The load generator runs on the same machine as the servers. Machine: ${machine}.`,
    "",
    table(results),
    "",
    ...ratioLines(results),
    "",
  ].join("\n");
  writeFileSync(path.join(root, "BENCHMARKS.md"), report);
  console.log(`\n${report}`);
}

await main();
