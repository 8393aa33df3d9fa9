import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseUrl, providerOf, sqlitePath } from "../lib/core/database-url.mjs";

// `latchkey backup <file>`: an online copy of the SQLite database, through SQLite's backup API,
// while the server keeps serving (it copies pages in steps and restarts a step a write changed,
// so the copy is one consistent moment of the database). A server started on the copy has every
// key. PostgreSQL has its own tools: the command says which, and does nothing.

export class BackupUsageError extends Error {}

export async function runBackup(args: string[]): Promise<void> {
  const [target, ...extra] = args;
  if (!target || extra.length > 0 || target.startsWith("-")) throw new BackupUsageError("latchkey backup <file>: give one file to write");
  const url = databaseUrl();
  if (providerOf(url) === "postgresql") {
    throw new BackupUsageError(
      'DATABASE_URL is PostgreSQL: back it up with pg_dump (pg_dump --format=custom --file=latchkey.dump "$DATABASE_URL"), ' +
        "or with your provider's snapshots and point-in-time recovery. latchkey backup copies SQLite files.",
    );
  }
  const source = sqlitePath(url);
  if (!existsSync(source)) throw new BackupUsageError(`${source} does not exist: nothing to back up`);
  const destination = path.resolve(target);
  if (existsSync(destination)) throw new BackupUsageError(`${destination} exists already: give a new file`);
  const sqlite = new Database(source, { readonly: true, fileMustExist: true });
  try {
    let lastShown = -1;
    await sqlite.backup(destination, {
      progress({ totalPages, remainingPages }) {
        const percent = totalPages === 0 ? 100 : Math.floor(((totalPages - remainingPages) / totalPages) * 100);
        if (percent >= lastShown + 10) process.stderr.write(`backup: ${(lastShown = percent)} %\n`);
        // Pages a step at a time, so that the server's writes go on meanwhile.
        return 1000;
      },
    });
  } finally {
    sqlite.close();
  }
  const copy = new Database(destination, { readonly: true });
  try {
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`the copy failed its integrity check: ${String(check)}`);
    const keys = copy.prepare(`SELECT count(*) AS n FROM "ApiKey"`).get() as { n: number };
    process.stdout.write(`Backed up ${source} to ${destination} (${keys.n} API keys, integrity ok).\n`);
  } finally {
    copy.close();
  }
}
