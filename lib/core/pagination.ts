import { z } from "./zod";
import { type Cursor, decodeCursor, encodeCursor } from "./cursor";
import { invalidField } from "./errors";
import { textSchema } from "./schemas";

// Every list pages the same way: `limit` (default 100, at most 1,000) and an opaque `cursor`
// from the previous page, or `starting_after=<id>` of the last item seen (Stripe's spelling).
// Rows are ordered by (created_at, id), so a walk that runs while rows are added or changed
// returns every row that existed throughout exactly once. The REST adapter adds a
// `Link: <…>; rel="next"` header when there is more (lib/http/api/rest-route.ts).

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

const blankAsAbsent = (value: unknown) => (value === "" || value === null ? undefined : value);

/** The query fields of a paged list, for its schema: `limit`, `cursor` and `starting_after`. */
export function pageQueryFields(defaultLimit = DEFAULT_PAGE_LIMIT) {
  return {
    limit: z.preprocess(
      blankAsAbsent,
      z.coerce
        .number({ message: "must be a whole number" })
        .int("must be a whole number")
        .min(1, "must be at least 1")
        .max(MAX_PAGE_LIMIT, `must be at most ${MAX_PAGE_LIMIT}`)
        .default(defaultLimit),
    ),
    cursor: z.preprocess(blankAsAbsent, textSchema().max(200).optional()),
    starting_after: z.preprocess(blankAsAbsent, textSchema().max(100).optional()),
  };
}

export type PageQuery = { limit: number; cursor?: string; starting_after?: string };
export type Page<T> = { items: T[]; next_cursor: string | null };

type Row = { createdAt: Date; id: string };

/**
 * Where a page starts: after the cursor's row, or after the row `starting_after` names, which
 * `find` looks up within the caller's list (null: not one of its rows, which is refused).
 */
export async function pageStart(query: PageQuery, find: (id: string) => Promise<Row | null>): Promise<Cursor | null> {
  if (query.cursor && query.starting_after) throw invalidField("starting_after", "give cursor or starting_after, not both");
  if (query.cursor) return decodeCursor(query.cursor);
  if (!query.starting_after) return null;
  const row = await find(query.starting_after);
  if (!row) throw invalidField("starting_after", "is not the id of an item of this list");
  return { createdAt: row.createdAt, id: row.id };
}

/**
 * Reads the `take` rows after a position, in the list's order, with two index range scans
 * rather than one `createdAt > x OR (createdAt = x AND id > y)`: rows that share the cursor's
 * timestamp (a bulk import writes thousands) come first, then the later ones. A planner given the
 * OR reads every row of the shared timestamp on each page, or sorts the whole list; each of
 * these is a seek and `take` rows. `read` runs the list's own query with a `where` added.
 */
export async function readAfter<R>(
  read: (where: object, take: number) => Promise<R[]>,
  start: Cursor | null,
  direction: "asc" | "desc",
  take: number,
): Promise<R[]> {
  if (!start) return read({}, take);
  const { createdAt, id } = start;
  const asc = direction === "asc";
  const same = await read({ createdAt, id: asc ? { gt: id } : { lt: id } }, take);
  if (same.length >= take) return same;
  const beyond = await read({ createdAt: asc ? { gt: createdAt } : { lt: createdAt } }, take - same.length);
  return [...same, ...beyond];
}

/** The Prisma ordering of a list: (created_at, id), both one way. */
export const pageOrder = (direction: "asc" | "desc") => [{ createdAt: direction }, { id: direction }] as const;

/** A page from the `limit + 1` rows read: the first `limit`, and a cursor when there was one more. */
export function pageOf<R extends Row, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(map), next_cursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
