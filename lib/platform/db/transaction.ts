import { env } from "../../core/env";
import { db, type Tx } from "./connection";
import { Queue } from "./serialized-sqlite";

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
