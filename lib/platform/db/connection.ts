import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../../core/env";
import { processSlot } from "../../core/registry";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { type SerializedSqliteFactory, serializedSqlite } from "./serialized-sqlite";
import { sqlitePath } from "../../core/database-url.mjs";

// Both clients come from the same models (prisma/*/schema.prisma, kept in sync by a test),
// so the SQLite client's types describe either.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type { Prisma } from "./generated/sqlite/client";

type Connection = { client: Db; sqlite?: SerializedSqliteFactory };

/**
 * How long a write on SQLite waits for another process's write lock (SQLite's busy timeout):
 * the CLI while a server writes, a worker beside the server. Transactions take the lock at
 * BEGIN (lib/platform/db/serialized-sqlite.ts), so they wait too, and `transaction` tries again after.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

function connect(): Connection {
  const { DATABASE_URL: url, DATABASE_PROVIDER: provider } = env();
  if (provider === "postgresql") {
    // A database that does not answer fails a query within 2 s (a 503), instead of holding it forever.
    const adapter = new PrismaPg({ connectionString: url, max: 20, connectionTimeoutMillis: 2_000 });
    return { client: new PostgresClient({ adapter }) as unknown as Db };
  }
  const sqlite = serializedSqlite(new PrismaBetterSQLite3({ url: sqlitePath(url), timeout: SQLITE_BUSY_TIMEOUT_MS }));
  return { client: new SqliteClient({ adapter: sqlite }), sqlite };
}

const client = processSlot<Connection>("db");

export function connection(): Connection {
  let current = client.get();
  if (!current) client.set((current = connect()));
  return current;
}

/** The process's one database client, created on first use. */
export function db(): Db {
  return connection().client;
}

/** Closes the client, for the CLI and tests. */
export async function disconnectDb(): Promise<void> {
  await client.get()?.client.$disconnect();
  client.set(undefined);
}
