import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * Points DATABASE_URL at a new SQLite file and applies every migration in
 * prisma/sqlite/migrations to it, so that service tests run on the real schema.
 * Call before the first use of lib/db.
 */
export function createTestSqliteDatabase(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "latchkey-test-")), "test.db");
  const sqlite = new Database(file);
  const folder = path.resolve(import.meta.dirname, "../../prisma/sqlite/migrations");
  for (const migration of readdirSync(folder).filter((n) => /^\d+_/.test(n)).sort()) {
    sqlite.exec(readFileSync(path.join(folder, migration, "migration.sql"), "utf8"));
  }
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  process.env.DATABASE_URL = `file:${file}`;
  return file;
}
