import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl, providerOf, sqlitePath } from "../lib/core/database-url.mjs";
import { root } from "./root";

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

async function appliedMigrations(url: string): Promise<Set<string>> {
  const query = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  try {
    if (providerOf(url) === "postgresql") {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return new Set((await client.query<{ migration_name: string }>(query)).rows.map((r) => r.migration_name));
      } finally {
        await client.end();
      }
    }
    const sqlite = new Database(sqlitePath(url), { readonly: true, fileMustExist: true });
    try {
      return new Set((sqlite.prepare(query).all() as { migration_name: string }[]).map((r) => r.migration_name));
    } finally {
      sqlite.close();
    }
  } catch {
    return new Set(); // No database or no migrations table yet: everything is pending.
  }
}

/** Names of the migrations in prisma/<provider>/migrations that the database has not applied. */
export async function pendingMigrations(url = databaseUrl()): Promise<string[]> {
  const folder = path.join(root, "prisma", providerOf(url), "migrations");
  const all = readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const applied = await appliedMigrations(url);
  return all.filter((name) => !applied.has(name)).sort();
}

/**
 * Applies pending migrations for the database DATABASE_URL names, through `prisma migrate
 * deploy`. When nothing is pending it returns at once, without starting the migration engine.
 * Progress goes to stderr so that stdout stays free for machine-readable output.
 */
export async function migrate(): Promise<string[]> {
  const url = databaseUrl();
  const pending = await pendingMigrations(url);
  if (pending.length === 0) return [];
  execFileSync(process.execPath, [prismaCli, "migrate", "deploy", "--config", path.join(root, "prisma.config.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (providerOf(url) === "sqlite") {
    // WAL lets readers (verification) run while a write is in progress; the mode is stored in the file.
    const sqlite = new Database(sqlitePath(url));
    sqlite.pragma("journal_mode = WAL");
    sqlite.close();
  }
  return pending;
}
