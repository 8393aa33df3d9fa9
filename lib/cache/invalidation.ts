import "server-only";
import pg from "pg";
import { type Tx } from "../db";
import { env } from "../env";
import { evictAll, evictLocal } from "./key-cache";

// A revocation, rotation or scope change must reach every instance's cache within a second.
// On PostgreSQL the change announces itself with NOTIFY inside its own transaction, so the
// message leaves exactly when the change commits; every instance LISTENs and evicts. On SQLite
// one instance serves the database, and local eviction is enough.

const CHANNEL = "latchkey_key_changes";

/** Inside the transaction that changes keys: tells other instances once it commits. */
export async function announceKeyChange(tx: Tx, hashes: readonly string[]): Promise<void> {
  if (hashes.length === 0 || env().DATABASE_PROVIDER !== "postgresql") return;
  await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${hashes.join(",")})`;
}

const EVERYTHING = "*";

/** Inside a transaction that changes too many keys to list (an app deleted): every instance empties its cache. */
export async function announceEverythingChanged(tx: Tx): Promise<void> {
  await announceKeyChange(tx, [EVERYTHING]);
}

/** After the transaction committed: this instance forgets the keys at once. */
export function keysChanged(hashes: readonly string[]): void {
  evictLocal(hashes);
}

type Listener = { client?: pg.Client; retryMs: number; stopped: boolean };
const globalForListener = globalThis as unknown as { latchkeyInvalidationListener?: Listener };

/** Starts the LISTEN connection once per process (PostgreSQL only). */
export function startInvalidationListener(): void {
  if (env().DATABASE_PROVIDER !== "postgresql" || globalForListener.latchkeyInvalidationListener) return;
  const listener: Listener = { retryMs: 100, stopped: false };
  globalForListener.latchkeyInvalidationListener = listener;
  void connect(listener);
}

export async function stopInvalidationListener(): Promise<void> {
  const listener = globalForListener.latchkeyInvalidationListener;
  if (!listener) return;
  listener.stopped = true;
  globalForListener.latchkeyInvalidationListener = undefined;
  await listener.client?.end().catch(() => undefined);
}

async function connect(listener: Listener): Promise<void> {
  if (listener.stopped) return;
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  const reconnect = () => {
    if (listener.client !== client || listener.stopped) return;
    listener.client = undefined;
    // Messages may have been lost while disconnected: start from an empty cache.
    evictAll();
    setTimeout(() => void connect(listener), listener.retryMs).unref();
    listener.retryMs = Math.min(listener.retryMs * 2, 5000);
  };
  listener.client = client;
  client.on("notification", (message) => {
    const hashes = message.payload ? message.payload.split(",") : [];
    if (hashes.includes(EVERYTHING)) evictAll();
    else evictLocal(hashes);
  });
  client.on("error", reconnect);
  client.on("end", reconnect);
  try {
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener.retryMs = 100;
    evictAll(); // Anything cached before LISTEN took effect may be stale.
  } catch {
    reconnect();
  }
}
