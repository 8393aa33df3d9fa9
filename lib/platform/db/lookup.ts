// The verify path's one need of a database: the first row of a fixed internal query. Its
// backend is given to the verifier when it is made (lib/http/api/verifier.ts): this thread's client
// (lib/platform/db/raw.ts firstRow), or, on the front thread, which holds no client, the main thread.
// So the verify path's modules never load Prisma themselves.

export type LookupParam = string | number | null;

/**
 * The first row of `sql`, a query text fixed in code with `?` placeholders and SQL valid in
 * both dialects. Columns come back as the driver gives them: read timestamps with `toDate`.
 */
export type LookupBackend = (sql: string, params: LookupParam[]) => Promise<unknown>;

/** A boolean column read by a lookup: SQLite returns 1 or 0 (a bigint on the adapter's connection), PostgreSQL a boolean. */
export function toBoolean(value: unknown): boolean {
  return value === true || Number(value) === 1;
}

/** A timestamp column read by a lookup: a Date (PostgreSQL), or the text or epoch milliseconds Prisma wrote to SQLite. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value as string | number);
}
