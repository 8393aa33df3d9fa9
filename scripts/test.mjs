// The whole test suite: unit and service tests (Vitest), then the API suite (Playwright)
// against production builds on SQLite and on a PostgreSQL server started here on loopback.
// Lint and the type check (inside `next build`) count as one check each.
// Ends with one line: "tests: N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { hasPostgres, startPostgres } from "./lib/postgres.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const totals = { passed: 0, failed: 0 };

function run(command, args, extraEnv = {}) {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } }).status ?? 1;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function countVitest(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, "utf8"));
  return { passed: report.numPassedTests, failed: report.numFailedTests + (report.numTotalTests === 0 ? 1 : 0) };
}

function countPlaywright(file, status) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const { stats, errors = [] } = JSON.parse(readFileSync(file, "utf8"));
  // Skipped tests count as failures: nothing here may be skipped. A run that failed outside any
  // test (a web server that did not start, an error in a spec file) counts as one failure.
  const failed = stats.unexpected + stats.flaky + stats.skipped;
  return { passed: stats.expected, failed: failed === 0 && (status !== 0 || errors.length > 0) ? 1 : failed };
}

function add(counts, label) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed`);
}

/** Unit test files that run on PostgreSQL too (they create their database with createTestDatabase). */
const POSTGRES_UNIT_TESTS = [
  "lib/platform/cache",
  "lib/http/front",
  "lib/http/actions",
  "lib/domain/scheduler",
  "lib/domain/keys/usage.test.ts",
  "lib/domain/keys/queries.test.ts",
  "lib/domain/keys/import.test.ts",
  "lib/domain/keys/limits.test.ts",
  "lib/domain/webhooks/deliveries.test.ts",
  "lib/domain/accounts/sessions.test.ts",
  "lib/http/api/rest-route.test.ts",
  "test/scale.test.ts",
];

mkdirSync("test-results", { recursive: true });
const lint = run(process.execPath, ["node_modules/eslint/bin/eslint.js", "."]);
add({ passed: lint === 0 ? 1 : 0, failed: lint === 0 ? 0 : 1 }, "lint");
const formatted = run(process.execPath, ["node_modules/prettier/bin/prettier.cjs", "--check", "."]);
add({ passed: formatted === 0 ? 1 : 0, failed: formatted === 0 ? 0 : 1 }, "prettier --check");

rmSync("test-results/vitest.json", { force: true });
run(process.execPath, [
  "node_modules/vitest/vitest.mjs",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=test-results/vitest.json",
]);
add(countVitest("test-results/vitest.json"), "unit and service tests");

const built = run(process.execPath, ["node_modules/next/dist/bin/next", "build"]) === 0;
add({ passed: built ? 1 : 0, failed: built ? 0 : 1 }, "next build and type check");
// The SDK's package build (esbuild and its declarations), which the end-to-end specs import.
const sdkBuilt = run("npm", ["run", "build", "--workspace", "@latchkey/sdk"]) === 0;
add({ passed: sdkBuilt ? 1 : 0, failed: sdkBuilt ? 0 : 1 }, "@latchkey/sdk build");
if (built) {
  if (!hasPostgres()) {
    console.error("PostgreSQL server binaries (initdb, pg_ctl) are not on PATH; .ci/run installs them.");
    process.exitCode = 1;
  }
  const postgres = hasPostgres() ? startPostgres({ port: await freePort() }) : null;
  try {
    postgres?.createDatabase("latchkey_e2e");
    if (postgres) {
      // The isolation and permission tests run a second time, each file on its own new
      // database on this server (test/helpers/test-db.ts createTestDatabase).
      rmSync("test-results/vitest-postgres.json", { force: true });
      run(
        process.execPath,
        [
          "node_modules/vitest/vitest.mjs",
          "run",
          ...POSTGRES_UNIT_TESTS,
          "--reporter=default",
          "--reporter=json",
          "--outputFile.json=test-results/vitest-postgres.json",
        ],
        {
          LATCHKEY_TEST_POSTGRES_URL: postgres.url("postgres"),
        },
      );
      add(countVitest("test-results/vitest-postgres.json"), "unit and service tests on PostgreSQL");
    }
    rmSync("data/e2e-sqlite.db", { force: true });
    rmSync("data/e2e-sqlite.db-wal", { force: true });
    rmSync("data/e2e-sqlite.db-shm", { force: true });
    rmSync("test-results/e2e.json", { force: true });
    const e2e = run(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], {
      LATCHKEY_TEST_SQLITE_URL: "file:./data/e2e-sqlite.db",
      ...(postgres ? { LATCHKEY_TEST_POSTGRES_URL: postgres.url("latchkey_e2e") } : {}),
    });
    add(countPlaywright("test-results/e2e.json", e2e), "end-to-end tests");
  } finally {
    postgres?.stop();
  }
}

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
if (totals.failed > 0) process.exitCode = 1;
