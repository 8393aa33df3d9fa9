import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import type { E2EOptions } from "./e2e/fixtures";

// The API suite runs against production servers (`next build` first; scripts/test.mjs does
// it): one on a SQLite file, and one on PostgreSQL when LATCHKEY_TEST_POSTGRES_URL is given.
// scripts/test.mjs always starts a Postgres server and gives it.

const sqliteUrl = process.env.LATCHKEY_TEST_SQLITE_URL ?? "file:./data/e2e-sqlite.db";
const postgresUrl = process.env.LATCHKEY_TEST_POSTGRES_URL;

// LATCHKEY_E2E_PORT_BASE moves the servers' ports (base+1, base+2; their local IdPs listen 1000 above),
// so that two checkouts can run the suite side by side.
const portBase = Number(process.env.LATCHKEY_E2E_PORT_BASE ?? 3100);
const databases = [
  { name: "sqlite", url: sqliteUrl, port: portBase + 1 },
  ...(postgresUrl ? [{ name: "postgres", url: postgresUrl, port: portBase + 2 }] : []),
];

// The console's webhook test (e2e/console/webhooks.spec.ts) runs an https receiver on loopback
// with a test-only certificate (e2e/tls): the servers trust it and may send to 127.0.0.1.
const WEBHOOK_RECEIVER_ENV = {
  LATCHKEY_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
  NODE_EXTRA_CA_CERTS: path.resolve(import.meta.dirname, "e2e/tls/loopback-cert.pem"),
};

export default defineConfig<E2EOptions>({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // The console runs on a production server on a 2-core machine, next to a second server.
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    ...databases.map((d) => ({
      name: `api-${d.name}`,
      testMatch: /api\/.*\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${d.port}`, databaseUrl: d.url },
    })),
    { name: "console", testMatch: /console\/.*\.spec\.ts/, use: { baseURL: `http://localhost:${portBase + 1}`, databaseUrl: sqliteUrl } },
    // Tests that start their own servers: graceful shutdown, and two instances on one Postgres.
    { name: "server", testMatch: /server\/.*\.spec\.ts/, use: { databaseUrl: sqliteUrl } },
  ],
  webServer: databases.map((d) => ({
    command: "node bin/latchkey.mjs start",
    url: `http://127.0.0.1:${d.port}/v1/openapi.json`,
    // Loopback plays the reverse proxy, so that a test can sign in from an address of its own.
    env: {
      DATABASE_URL: d.url,
      PORT: String(d.port),
      NEXT_TELEMETRY_DISABLED: "1",
      LATCHKEY_TRUSTED_PROXIES: "loopback",
      ...WEBHOOK_RECEIVER_ENV,
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  })),
});
