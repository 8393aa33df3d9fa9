// The first row of a fixed internal query, for the verify path. It needs no database client of
// its own: by default it runs on the process's client (lib/db/index.ts, loaded on first use),
// and the front thread, which holds no client, routes it to the main thread instead
// (lib/front/thread.ts). So the verify path's modules never load Prisma themselves.

export type LookupParam = string | number | null;
export type LookupBackend = (sql: string, params: LookupParam[]) => Promise<unknown>;

const onThisThreadsClient: LookupBackend = async (sql, params) => (await import("./index")).firstRow(sql, params);

let backend: LookupBackend = onThisThreadsClient;

/** Sends every lookup of this thread to `route` (the front thread's bridge to the main thread). */
export function routeLookups(route: LookupBackend): void {
  backend = route;
}

/**
 * The first row of `sql`, a query text fixed in code with `?` placeholders and SQL valid in
 * both dialects. Columns come back as the driver gives them: read timestamps with `toDate`.
 */
export function queryFirst<T>(sql: string, ...params: LookupParam[]): Promise<T | undefined> {
  return backend(sql, params) as Promise<T | undefined>;
}

/** A timestamp column read by `queryFirst`: a Date (PostgreSQL), or the text or epoch milliseconds Prisma wrote to SQLite. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value as string | number);
}
