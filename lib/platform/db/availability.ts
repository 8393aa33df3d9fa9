// Whether a failure means "the database cannot be reached now" (a 503 that a client may retry,
// and the case in which the verify path may answer from its cache), as opposed to a bug or a
// refused query. Free of any database client, so that the front thread can use it.

/** Thrown where the database is needed and cannot be reached (or was not reached, see lib/platform/cache/key-cache.ts). */
export class DatabaseUnavailableError extends Error {
  constructor(message = "The database cannot be reached.") {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}

// Node's socket errors, pg's own messages, and PostgreSQL's SQLSTATEs of class 08 (connection
// exception) and 57P (operator intervention: shutdown, cannot connect now), 53300 (too many connections).
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);
// Prisma's own codes for the same: cannot reach (P1001), timed out (P1002), closed (P1017), pool timeout (P2024).
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1017", "P2024"]);
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|Connection terminated|timeout exceeded when trying to connect|Can't reach database server|terminating connection due to administrator command|the database system is (shutting down|starting up)|Client has encountered a connection error|Connection refused|connection is insecure|server closed the connection/i;

/** True when `error`, or an error it wraps, says the database could not be reached. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  // By name too: Next's bundle and the server's module graph each have this class.
  if (error instanceof DatabaseUnavailableError || (error instanceof Error && error.name === "DatabaseUnavailableError")) return true;
  if (typeof error !== "object" || error === null || depth > 4) return false;
  const { code, message, cause, originalCode, kind } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    originalCode?: unknown;
    kind?: unknown;
  };
  if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || PRISMA_UNAVAILABLE.has(code) || code.startsWith("08"))) return true;
  if (typeof originalCode === "string" && (UNAVAILABLE_CODES.has(originalCode) || originalCode.startsWith("08"))) return true;
  if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed" || kind === "SocketTimeout") return true;
  if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
  return cause !== undefined && isDatabaseUnavailable(cause, depth + 1);
}
