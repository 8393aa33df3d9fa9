import type BetterSqlite3 from "better-sqlite3";
import { env } from "../../core/env";
import { connection, db } from "./connection";
import type { LookupParam } from "./lookup";

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
