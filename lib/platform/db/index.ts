import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../../core/env";
import { processSlot } from "../../core/registry";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import type BetterSqlite3 from "better-sqlite3";
import { Queue, type SerializedSqliteFactory, serializedSqlite } from "./serialized-sqlite";
import type { LookupParam } from "./lookup";
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

function connection(): Connection {
  let current = client.get();
  if (!current) client.set((current = connect()));
  return current;
}

/** The process's one database client, created on first use. */
export function db(): Db {
  return connection().client;
}

/**
 * SQLite only: runs `fn` on the connection Prisma uses, in turn with its queries, so that a
 * hot batch write can use prepared statements. Keep `fn` short: it blocks the event loop.
 */
export async function onSqliteConnection<T>(fn: (sqlite: BetterSqlite3.Database) => T): Promise<T> {
  const { client, sqlite } = connection();
  if (!sqlite) throw new Error("onSqliteConnection needs a SQLite database");
  if (!sqlite.runExclusive) await client.$connect();
  return sqlite.runExclusive!(fn);
}

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** A prepared statement for `sql` on this connection, prepared once. */
export function preparedStatement(sqlite: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
}

/**
 * The first row of a fixed internal query on this process's client (see queryFirst in
 * lib/platform/db/lookup.ts, which hot paths call): a cached prepared statement on SQLite, a raw query on
 * PostgreSQL, because Prisma's cost per query (half a millisecond of CPU or more, measured)
 * matters there.
 */
export async function firstRow(sql: string, params: LookupParam[]): Promise<unknown> {
  if (env().DATABASE_PROVIDER === "sqlite") {
    return onSqliteConnection((sqlite) => preparedStatement(sqlite, sql).get(...params));
  }
  const rows = await db().$queryRawUnsafe<unknown[]>(postgresPlaceholders(sql), ...params);
  return rows[0];
}

const numbered = new Map<string, string>();

/** `?` placeholders as PostgreSQL's `$1, $2, …`, worked out once per query text. */
function postgresPlaceholders(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    numbered.set(sql, (text = sql.replace(/\?/g, () => `$${++n}`)));
  }
  return text;
}

/** A timestamp as Prisma's SQLite adapter writes it, for raw writes that must compare and match with Prisma's. */
export function toSqliteTime(at: Date): string {
  return at.toISOString().replace("Z", "+00:00");
}

/** Closes the client, for the CLI and tests. */
export async function disconnectDb(): Promise<void> {
  await client.get()?.client.$disconnect();
  client.set(undefined);
}

const sqliteTransactions = new Queue();
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

const RETRYABLE = /database is locked|SQLITE_BUSY|could not serialize access|deadlock detected/i;

function isRetryable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  // On SQLite, Prisma reports SQLITE_BUSY as a timeout (P1008), even when it came at once
  // because the transaction's snapshot went stale.
  const sqliteBusy = code === "P1008" && env().DATABASE_PROVIDER === "sqlite";
  return code === "P2034" || sqliteBusy || (typeof message === "string" && RETRYABLE.test(message));
}

/**
 * An interactive transaction, retried when the database refuses it for a concurrent writer:
 * on SQLite, another process (a server, the CLI) that held the write lock past the busy
 * timeout; on Postgres, a serialization conflict. A refused transaction was rolled back whole,
 * so running it again is safe.
 */
export async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    // SQLite runs one transaction at a time on its one connection. Waiting for the turn here,
    // before Prisma starts its maxWait clock, keeps a queue of writers from timing out inside
    // the adapter and abandoning a started transaction. Do not nest calls: the inner one would wait forever.
    const release = env().DATABASE_PROVIDER === "sqlite" ? await sqliteTransactions.acquire() : () => {};
    try {
      return await db().$transaction(fn, TRANSACTION_OPTIONS);
    } catch (error) {
      if (attempt >= 6 || !isRetryable(error)) throw error;
    } finally {
      release();
    }
    await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt + Math.random() * 20));
  }
}
