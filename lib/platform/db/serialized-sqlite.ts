import type { IsolationLevel, SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";

// Prisma's better-sqlite3 adapter shares one connection between interactive transactions and
// every other query, but only transactions take its lock. A query from another request that
// lands while a transaction is open runs inside that transaction: its write is lost if the
// transaction rolls back, and the engine later loses track of the transaction's state
// ("Unknown transaction status"). This wrapper puts every query outside a transaction behind
// the same queue as the transactions, so each runs alone on the connection.

/** A FIFO lock: `acquire` resolves with the function that lets the next waiter in. */
export class Queue {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => turn);
    return ready;
  }
}

/** The adapter's better-sqlite3 connection (a public field of Prisma's adapter class). */
type WithClient = { client: BetterSqlite3.Database };

function serialize(adapter: SqlDriverAdapter, queue: Queue): SqlDriverAdapter {
  const exclusive =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const release = await queue.acquire();
      try {
        return await run(...args);
      } finally {
        release();
      }
    };
  return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
    queryRaw: exclusive(adapter.queryRaw.bind(adapter)),
    executeRaw: exclusive(adapter.executeRaw.bind(adapter)),
    executeScript: exclusive(adapter.executeScript.bind(adapter)),
    async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") return adapter.startTransaction(isolationLevel); // refused there
      const release = await queue.acquire();
      try {
        // BEGIN IMMEDIATE, not the adapter's plain BEGIN: a deferred transaction that has read
        // cannot upgrade to a write while another process (a server, the CLI) writes, and SQLite
        // then fails at once with "database is locked", without its busy timeout. Taking the
        // write lock at BEGIN waits for it (up to SQLITE_BUSY_TIMEOUT_MS), and a transaction that
        // holds it can no longer be made stale by another connection's commit.
        await adapter.executeRaw({ sql: "BEGIN IMMEDIATE", args: [], argTypes: [] });
        // Prisma sends COMMIT or ROLLBACK through executeRaw, then calls these. The queue stays
        // held until then; the queries in between run on the adapter itself, past the queue.
        const end = async () => release();
        return Object.assign(Object.create(adapter) as Transaction, { options: { usePhantomQuery: false }, commit: end, rollback: end });
      } catch (error) {
        release();
        throw error;
      }
    },
  });
}

export type SerializedSqliteFactory = SqlMigrationAwareDriverAdapterFactory & {
  /**
   * Runs `fn` on the connection, in turn with every Prisma query and transaction. For batch
   * writes where Prisma's per-query cost matters: prepared statements cost microseconds.
   * Undefined until Prisma has connected.
   */
  runExclusive?: <T>(fn: (sqlite: BetterSqlite3.Database) => T) => Promise<T>;
};

export function serializedSqlite(factory: SqlMigrationAwareDriverAdapterFactory): SerializedSqliteFactory {
  const wrapped: SerializedSqliteFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      const queue = new Queue();
      wrapped.runExclusive = async (fn) => {
        const release = await queue.acquire();
        try {
          return fn((adapter as unknown as WithClient).client);
        } finally {
          release();
        }
      };
      return serialize(adapter, queue);
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
  return wrapped;
}
