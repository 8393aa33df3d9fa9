import { invalidField } from "./errors";

// Keyset pagination, newest first: a cursor is the last row's (createdAt, id), base64url
// encoded, so that pages stay stable while new rows arrive. A client may send anything as a
// cursor; only one this API could have returned is used, so that a forged date outside what the
// databases hold (year -100000 or +275760) never reaches a query.

export type Cursor = { createdAt: Date; id: string };

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[A-Za-z0-9_-]{1,100}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

/** The cursor's position, or an invalid_request naming `cursor`. */
export function decodeCursor(cursor: string): Cursor {
  const refused = invalidField("cursor", "is not a cursor this API returned");
  if (cursor.length > 200 || !BASE64URL.test(cursor)) throw refused;
  const parts = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const [iso, id] = parts;
  if (parts.length !== 2 || !iso || !id || !ISO_UTC.test(iso) || !ID.test(id)) throw refused;
  const createdAt = new Date(iso);
  // Four-digit years only, and the date must read back as written (no 2030-02-31).
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso || createdAt.getUTCFullYear() < 1) throw refused;
  return { createdAt, id };
}
