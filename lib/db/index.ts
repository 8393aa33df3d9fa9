import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../env";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { sqlitePath } from "./url.mjs";

// Both clients come from the same models (prisma/*/schema.prisma, kept in sync by a test),
// so the SQLite client's types describe either.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type { Prisma } from "./generated/sqlite/client";

function createDb(): Db {
  const { DATABASE_URL: url, DATABASE_PROVIDER: provider } = env();
  if (provider === "postgresql") {
    const adapter = new PrismaPg({ connectionString: url, max: 10 });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const adapter = new PrismaBetterSQLite3({ url: sqlitePath(url) });
  return new SqliteClient({ adapter });
}

const globalForDb = globalThis as unknown as { latchkeyDb?: Db };

/** The process's one database client, created on first use. */
export function db(): Db {
  globalForDb.latchkeyDb ??= createDb();
  return globalForDb.latchkeyDb;
}

/** Closes the client, for the CLI and tests. */
export async function disconnectDb(): Promise<void> {
  await globalForDb.latchkeyDb?.$disconnect();
  globalForDb.latchkeyDb = undefined;
}
