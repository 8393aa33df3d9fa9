import "server-only";
import { db, type Tx } from "../db";
import { env } from "../../core/env";

// The durable change log: one row per change to a verification record (a project key or an
// app key), numbered in commit order. Instances catch up from it after they lost their change
// feed (lib/platform/cache/invalidation.ts); change streams resume from it. It holds hashes, so that a
// cache can evict by them, but no secret, and it is pruned after LATCHKEY_CHANGE_LOG_RETENTION_HOURS.

export type KeyChangeKind = "key" | "app_key" | "all";
export type KeyChangeInput = { kind: KeyChangeKind; keyId: string; keyHash: string; appId: string; change: string };

export const CHANNEL = "latchkey_key_changes";
/** The advisory lock that puts change-log inserts in commit order (any constant no other code uses). */
const COMMIT_ORDER_LOCK = 7_305_001;
/** A notification's payload must stay under PostgreSQL's 8,000 bytes; past this it says "read the log". */
const MAX_PAYLOAD = 7_000;

/**
 * Inside the transaction that makes the changes: logs them and, on PostgreSQL, notifies every
 * instance when the transaction commits. PostgreSQL hands out sequence numbers in the order
 * rows are inserted, not the order their transactions commit, so a reader could see 11 before
 * 10 commits and skip 10 for good. A transaction-scoped advisory lock, taken here and held to
 * the commit, makes the two orders the same; call this last in the transaction, so that the
 * lock is held briefly.
 */
export async function recordKeyChanges(tx: Tx, changes: readonly KeyChangeInput[]): Promise<void> {
  if (changes.length === 0) return;
  const postgres = env().DATABASE_PROVIDER === "postgresql";
  if (postgres) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${COMMIT_ORDER_LOCK})`);
  const rows = await tx.keyChange.createManyAndReturn({ data: changes.map((change) => ({ ...change })), select: { seq: true } });
  if (!postgres) return;
  const seq = Math.max(...rows.map((row) => row.seq));
  const listed = changes.map((change) => change.keyHash).join(",");
  await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${`${seq}|${listed.length <= MAX_PAYLOAD ? listed : "?"}`})`;
}

/** A notification's payload: the newest sequence number it covers and the hashes, "all", or "log" (read them from the log). */
export function parseNotification(payload: string): { seq: number; hashes: readonly string[] | "all" | "log" } | null {
  const bar = payload.indexOf("|");
  const seq = Number(payload.slice(0, bar));
  if (bar < 1 || !Number.isSafeInteger(seq)) return null;
  const list = payload.slice(bar + 1);
  if (list === "?") return { seq, hashes: "log" };
  const hashes = list === "" ? [] : list.split(",");
  return { seq, hashes: hashes.includes("*") ? "all" : hashes };
}

export type LoggedChange = { seq: number; kind: KeyChangeKind; keyId: string; appId: string; change: string; createdAt: Date };

/** The changes after `seq` for one app, oldest first, at most `limit`: for change streams. */
export async function changesSince(appId: string, seq: number, limit: number): Promise<LoggedChange[]> {
  const rows = await db().keyChange.findMany({
    where: { seq: { gt: seq }, appId },
    orderBy: { seq: "asc" },
    take: limit,
    select: { seq: true, kind: true, keyId: true, appId: true, change: true, createdAt: true },
  });
  return rows.map((row) => ({ ...row, kind: row.kind as KeyChangeKind }));
}

/** The oldest and newest sequence numbers still in the log (null when it is empty). */
export async function logBounds(): Promise<{ oldest: number | null; newest: number | null }> {
  const { _min, _max } = await db().keyChange.aggregate({ _min: { seq: true }, _max: { seq: true } });
  return { oldest: _min.seq, newest: _max.seq };
}

const PRUNE_BATCH = 5_000;

/** Deletes the rows older than the retention, a batch at a time (a scheduler pass calls it). Returns how many went. */
export async function pruneChangeLog(now: Date, retentionHours = env().LATCHKEY_CHANGE_LOG_RETENTION_HOURS): Promise<number> {
  const before = new Date(now.getTime() - retentionHours * 3_600_000);
  let deleted = 0;
  for (;;) {
    const rows = await db().keyChange.findMany({
      where: { createdAt: { lt: before } },
      orderBy: { seq: "asc" },
      take: PRUNE_BATCH,
      select: { seq: true },
    });
    if (rows.length === 0) return deleted;
    const { count } = await db().keyChange.deleteMany({ where: { seq: { lte: rows.at(-1)!.seq }, createdAt: { lt: before } } });
    deleted += count;
    if (rows.length < PRUNE_BATCH) return deleted;
  }
}
