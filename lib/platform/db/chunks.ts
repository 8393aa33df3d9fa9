// A query about many ids at once (`id IN (…)`) carries one parameter per id, and SQLite refuses a
// statement with more than its limit of parameters (Prisma's adapter answers "the query parameter
// limit supported by your database is exceeded" past 999). So such a query runs a chunk at a time.

export const IN_CHUNK = 500;

/** Runs `query` for each chunk of `values` (at most IN_CHUNK each), in order, and joins the rows. */
export async function inChunks<V, R>(values: readonly V[], query: (chunk: V[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let i = 0; i < values.length; i += IN_CHUNK) rows.push(...(await query(values.slice(i, i + IN_CHUNK))));
  return rows;
}
