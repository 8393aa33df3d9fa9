// npm run bench:keys-table: how long the console's keys table takes to answer with 10,000 keys
// in one project (SQLite), for the queries people make: first page, a deep page, a search, a
// status filter and sorts by nullable columns. The same lib function serves the table's
// route. It prints medians of repeated runs; it measures, it does not pass or fail.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const KEYS = Number(process.env.KEYS ?? 10_000);
const RUNS = 15;
process.env.DATABASE_URL = `file:${path.join(mkdtempSync(path.join(os.tmpdir(), "latchkey-keys-table-")), "bench.db")}`;

const { execFileSync } = await import("node:child_process");
execFileSync(process.execPath, ["bin/latchkey.mjs", "migrate"], { stdio: "ignore", env: process.env });
const { bootstrap } = await import("../lib/domain/bootstrap");
const { db, disconnectDb } = await import("../lib/platform/db");
const { newId } = await import("../lib/core/ids");
const { generateKey } = await import("../lib/core/crypto/key-secret");
const { listProjectKeys } = await import("../lib/domain/keys/queries");
const { listProjectKeysQuerySchema } = await import("../lib/domain/keys/schemas");

const tenant = await bootstrap({ team: "Bench", app: "Bench", project: "Bench" });
const scope = {
  teamId: tenant.team_id,
  appId: tenant.app_id,
  actor: { type: "system" as const, id: "bench" },
  request: { ipAddress: null, userAgent: null },
};
const now = Date.now();
const rows = Array.from({ length: KEYS }, (_, i) => {
  const material = generateKey("live");
  return {
    id: newId("apiKey"),
    appId: tenant.app_id,
    projectId: tenant.project_id,
    environmentId: tenant.environments[i % 2]!.id,
    name: `Customer ${i}`,
    keyPrefix: material.prefix,
    keyHash: material.hash,
    scopes: JSON.stringify(["read:orders"]),
    createdAt: new Date(now - i * 60_000),
    lastUsedAt: i % 3 === 0 ? new Date(now - i * 1000) : null,
    expiresAt: i % 5 === 0 ? new Date(now + (i - KEYS / 2) * 3_600_000) : null,
    revokedAt: i % 11 === 0 ? new Date(now - 1000) : null,
    createdBy: "bench",
  };
});
for (let i = 0; i < rows.length; i += 500) await db().apiKey.createMany({ data: rows.slice(i, i + 500) });

const cases: [string, Record<string, unknown>][] = [
  ["first page (25, newest first)", {}],
  ["page 200 of 400", { page: 200 }],
  ["100 per page", { page_size: 100 }],
  ["search by name", { q: "Customer 99" }],
  ["search by key prefix", { q: rows[4321]!.keyPrefix }],
  ["status: revoked", { status: "revoked" }],
  ["status: expiring soon", { status: "expiring_soon" }],
  ["sort by last used", { sort: "last_used_at" }],
  ["sort by expiry, ascending", { sort: "expires_at", dir: "asc" }],
  ["production only, by name", { environment_id: tenant.environments[0]!.id, sort: "name", dir: "asc" }],
];

console.log(
  `Keys table, ${KEYS.toLocaleString("en")} keys in one project, SQLite, median of ${RUNS} runs (${os.cpus().length} cores, Node ${process.version}):`,
);
for (const [label, input] of cases) {
  const query = listProjectKeysQuerySchema.parse(input);
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    total = (await listProjectKeys(scope, tenant.project_id, query)).total;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(32)} ${times[Math.floor(RUNS / 2)]!.toFixed(1).padStart(6)} ms   (${total.toLocaleString("en")} matching)`);
}
await disconnectDb();
