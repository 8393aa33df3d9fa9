import "server-only";
import { serverMetrics } from "../metrics";
import pg from "pg";
import { db, type Tx } from "../db";
import { env } from "../../core/env";
import { describeError, log, logLimited } from "../../core/log";
import { processSlot } from "../../core/registry";
import { CHANNEL, type KeyChangeInput, parseNotification, recordKeyChanges } from "./change-log";
import { processKeyCache } from "./process-key-cache";

// A revocation, rotation or scope change must reach every instance's cache within a second,
// and an instance must never answer from a cache that may have missed one.
//
// Every change is written to the durable change log (lib/platform/cache/change-log.ts) inside its own
// transaction. On PostgreSQL the transaction also NOTIFYs, so the message leaves exactly when
// the change commits; every instance LISTENs and evicts. An instance that loses its LISTEN
// connection marks its cache untrusted (lib/platform/cache/key-cache.ts: reads go to the database),
// reconnects within a second, LISTENs again and then reads the log from the last sequence
// number it applied, so that nothing committed while it was away is missed; only then does its
// cache answer from memory again. On SQLite one instance serves the database, and local
// eviction is enough.

/** Inside the transaction that changes keys: logs the changes, and tells other instances once it commits. */
export async function announceKeyChange(tx: Tx, changes: readonly KeyChangeInput[]): Promise<void> {
  await recordKeyChanges(tx, changes);
}

/** Inside a transaction that changes too many keys to list (an app deleted): every instance empties its cache. */
export async function announceEverythingChanged(tx: Tx, appId: string, change: string): Promise<void> {
  await recordKeyChanges(tx, [{ kind: "all", keyId: "*", keyHash: "*", appId, change }]);
}

/** After the transaction committed: this instance forgets the keys at once. */
export function keysChanged(hashes: readonly string[]): void {
  processKeyCache().evict(hashes);
}

/** After a transaction that changed too many keys to list committed: this instance forgets every key. */
export function everythingChanged(): void {
  processKeyCache().evictAll();
}

const cache = processKeyCache;

/** How far back a catch-up reads before it gives up and empties the cache instead. */
const CATCH_UP_LIMIT = 10_000;
/** The LISTEN connection is asked for a sign of life this often, and given this long to answer. */
const PROBE_EVERY_MS = 250;
const PROBE_TIMEOUT_MS = 1_000;
const RETRY_MIN_MS = 50;
/** How the feed's connection shows in pg_stat_activity. */
export const FEED_APPLICATION_NAME = "latchkey-change-feed";
const RETRY_MAX_MS = 1_000;

type Listener = {
  client?: pg.Client;
  /** The last sequence number applied; null before the first catch-up. */
  lastSeq: number | null;
  retryMs: number;
  stopped: boolean;
  probe?: NodeJS.Timeout;
  /** Reconnections so far (for tests and the logs). */
  reconnects: number;
};
const running = processSlot<Listener>("change-feed");

/**
 * Starts the change feed once per process. On PostgreSQL it is the LISTEN connection; until it
 * has caught up, the cache does not answer from memory. On SQLite the server evicts its own
 * changes at once, and reads the log every 250 ms for those of other processes on the same file
 * (`latchkey worker`, `latchkey import`).
 */
export function startInvalidationListener(): void {
  if (running.get()) return;
  const listener: Listener = { lastSeq: null, retryMs: RETRY_MIN_MS, stopped: false, reconnects: 0 };
  if (env().DATABASE_PROVIDER !== "postgresql") {
    running.set(listener);
    pollLog(listener);
    return;
  }
  running.set(listener);
  cache().feedDown();
  void connect(listener);
}

export async function stopInvalidationListener(): Promise<void> {
  const listener = running.get();
  if (!listener) return;
  listener.stopped = true;
  clearInterval(listener.probe);
  running.set(undefined);
  await listener.client?.end().catch(() => undefined);
}

/** The listener's state, for tests: the last sequence applied and how often it reconnected. */
export function listenerState(): { lastSeq: number | null; reconnects: number; connected: boolean } | undefined {
  const listener = running.get();
  return (
    listener && {
      lastSeq: listener.lastSeq,
      reconnects: listener.reconnects,
      connected: listener.client !== undefined && listener.probe !== undefined,
    }
  );
}

function apply(listener: Listener, seq: number, hashes: readonly string[] | "all"): void {
  if (hashes === "all") cache().evictAll();
  else cache().evict(hashes);
  if (listener.lastSeq === null || seq > listener.lastSeq) listener.lastSeq = seq;
}

/**
 * Reads the log after `from` (the last sequence applied before LISTEN took effect; null on the
 * first connection) and applies it. `from` is taken by the caller before LISTEN: a notification
 * that arrives with LISTEN's answer moves lastSeq on, and must not hide what came before it.
 */
async function catchUp(listener: Listener, client: pg.Client, from: number | null): Promise<void> {
  if (from === null) {
    // The first connection: the cache holds only what was loaded since the start, while the
    // feed was down (not answered from memory); start from an empty cache and the log's end.
    const { rows } = await client.query<{ seq: number | null }>(`SELECT MAX("seq") AS "seq" FROM "KeyChange"`);
    cache().evictAll();
    listener.lastSeq = Math.max(listener.lastSeq ?? 0, Number(rows[0]?.seq ?? 0));
    return;
  }
  const { rows } = await client.query<{ seq: number; keyHash: string }>(
    `SELECT "seq", "keyHash" FROM "KeyChange" WHERE "seq" > $1 ORDER BY "seq" LIMIT $2`,
    [from, CATCH_UP_LIMIT + 1],
  );
  const { rows: bounds } = await client.query<{ min: number | null }>(`SELECT MIN("seq") AS "min" FROM "KeyChange"`);
  const oldest = bounds[0]?.min === null || bounds[0]?.min === undefined ? null : Number(bounds[0].min);
  // The log no longer reaches back to what was applied (pruned), or there is too much to read: forget everything.
  // (Sequence numbers may have gaps, from rolled-back transactions; a log whose oldest row is
  // still at or before `from` has lost nothing after it.)
  const pruned = oldest === null ? from > 0 : oldest > from + 1;
  if (pruned || rows.length > CATCH_UP_LIMIT) {
    const { rows: end } = await client.query<{ seq: number | null }>(`SELECT MAX("seq") AS "seq" FROM "KeyChange"`);
    apply(listener, Number(end[0]?.seq ?? from), "all");
    return;
  }
  const hashes = rows.map((row) => row.keyHash);
  if (rows.length > 0) apply(listener, Number(rows.at(-1)!.seq), hashes.includes("*") ? "all" : hashes);
}

/** SQLite: applies what other processes logged, every PROBE_EVERY_MS. */
function pollLog(listener: Listener): void {
  let busy = false;
  const read = async () => {
    const rows = (await db().$queryRawUnsafe(
      `SELECT "seq", "keyHash" FROM "KeyChange" WHERE "seq" > ? ORDER BY "seq" LIMIT ?`,
      listener.lastSeq,
      CATCH_UP_LIMIT + 1,
    )) as { seq: number | bigint; keyHash: string }[];
    if (rows.length === 0) return;
    const hashes = rows.map((row) => row.keyHash);
    // More than a catch-up reads: forget everything, and go on from the newest read.
    apply(listener, Number(rows.at(-1)!.seq), rows.length > CATCH_UP_LIMIT || hashes.includes("*") ? "all" : hashes);
  };
  const tick = async () => {
    if (busy || listener.stopped) return;
    busy = true;
    try {
      if (listener.lastSeq === null) {
        const [end] = (await db().$queryRawUnsafe(`SELECT MAX("seq") AS "seq" FROM "KeyChange"`)) as { seq: number | bigint | null }[];
        listener.lastSeq = Number(end?.seq ?? 0);
      } else await read();
    } catch (error) {
      logLimited("change-log-poll", "warn", { error: describeError(error) }, "reading the change log failed: retrying");
    } finally {
      busy = false;
    }
  };
  void tick();
  listener.probe = setInterval(() => void tick(), PROBE_EVERY_MS).unref();
}

async function connect(listener: Listener): Promise<void> {
  if (listener.stopped) return;
  const client = new pg.Client({
    connectionString: env().DATABASE_URL,
    connectionTimeoutMillis: 2_000,
    keepAlive: true,
    application_name: FEED_APPLICATION_NAME,
  });
  let failed = false;
  const fail = (error?: unknown) => {
    if (failed || listener.client !== client || listener.stopped) return;
    failed = true;
    listener.client = undefined;
    clearInterval(listener.probe);
    listener.probe = undefined;
    // Changes may be missed from now on: the cache stops answering from memory until caught up.
    cache().feedDown();
    logLimited(
      "change-feed-lost",
      "warn",
      { error: error === undefined ? undefined : describeError(error) },
      "change feed lost: reads go to the database until it is back",
    );
    void client.end().catch(() => undefined);
    setTimeout(() => void connect(listener), listener.retryMs).unref();
    listener.retryMs = Math.min(listener.retryMs * 2, RETRY_MAX_MS);
  };
  listener.client = client;
  client.on("notification", (message) => {
    const parsed = parseNotification(message.payload ?? "");
    if (!parsed) return;
    if (parsed.hashes === "log") {
      // Too many to list in a notification: read them from the log.
      void catchUp(listener, client, listener.lastSeq).catch(fail);
      return;
    }
    apply(listener, parsed.seq, parsed.hashes);
  });
  client.on("error", fail);
  client.on("end", () => fail());
  try {
    await client.connect();
    const from = listener.lastSeq;
    await client.query(`LISTEN ${CHANNEL}`);
    // LISTEN is in effect: whatever commits from now on is notified. What committed before is in the log.
    await catchUp(listener, client, from);
    if (failed) return;
    listener.retryMs = RETRY_MIN_MS;
    if (listener.reconnects++ > 0) {
      serverMetrics.feedReconnects.inc();
      log.info({ last_seq: listener.lastSeq }, "change feed back: caught up from the change log");
    }
    cache().feedLive();
    listener.probe = setInterval(() => {
      let answered = false;
      const timer = setTimeout(
        () => answered || fail(new Error("the change feed's connection did not answer in time")),
        PROBE_TIMEOUT_MS,
      ).unref();
      client.query("SELECT 1").then(
        () => {
          answered = true;
          clearTimeout(timer);
        },
        (error: unknown) => {
          answered = true;
          clearTimeout(timer);
          fail(error);
        },
      );
    }, PROBE_EVERY_MS).unref();
  } catch (error) {
    fail(error);
  }
}
