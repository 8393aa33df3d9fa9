import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // "server-only" throws outside a React server bundle; unit tests run lib/ directly.
      "server-only": path.resolve(import.meta.dirname, "test/helpers/empty-module.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts", "sdk/src/**/*.test.ts"],
    // *.pg.test.ts need a PostgreSQL server (LISTEN/NOTIFY, a connection to cut): scripts/test.mjs
    // runs them in its PostgreSQL pass, where LATCHKEY_TEST_POSTGRES_URL is set.
    exclude: process.env.LATCHKEY_TEST_POSTGRES_URL ? configDefaults.exclude : [...configDefaults.exclude, "**/*.pg.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
