// Prisma CLI configuration. Prisma 6.19 with the JS schema engine and a driver adapter runs
// offline; the provider, schema and migrations folder follow DATABASE_URL.
import path from "node:path";
import type { PrismaConfig } from "prisma";
import { databaseUrl, providerOf, sqlitePath } from "./lib/core/database-url.mjs";

const url = databaseUrl();
const provider = providerOf(url);
process.env.DATABASE_URL = url;

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  async adapter() {
    if (provider === "postgresql") {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const { NameAsTextPool } = await import("./lib/platform/db/pg-name-fix.mjs");
      return new PrismaPg(new NameAsTextPool({ connectionString: url }));
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: sqlitePath(url) });
  },
} satisfies PrismaConfig;
