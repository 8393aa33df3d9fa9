import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * Points DATABASE_URL at a new SQLite file and applies every migration in
 * prisma/sqlite/migrations to it, so that service tests run on the real schema.
 * Call before the first use of lib/platform/db.
 */
export function createTestSqliteDatabase(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "latchkey-test-")), "test.db");
  const sqlite = new Database(file);
  const folder = path.resolve(import.meta.dirname, "../../prisma/sqlite/migrations");
  for (const migration of readdirSync(folder)
    .filter((n) => /^\d+_/.test(n))
    .sort()) {
    sqlite.exec(readFileSync(path.join(folder, migration, "migration.sql"), "utf8"));
  }
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  process.env.DATABASE_URL = `file:${file}`;
  return file;
}

/**
 * A fresh database for one test file: a new database on the PostgreSQL server named by
 * LATCHKEY_TEST_POSTGRES_URL when it is set (scripts/test.mjs runs the files that call this a
 * second time that way), else a SQLite file. Every migration of the provider is applied.
 */
export async function createTestDatabase(): Promise<string> {
  const server = process.env.LATCHKEY_TEST_POSTGRES_URL;
  if (!server) return createTestSqliteDatabase();
  const { default: pg } = await import("pg");
  const name = `latchkey_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const folder = path.resolve(import.meta.dirname, "../../prisma/postgresql/migrations");
  for (const migration of readdirSync(folder)
    .filter((n) => /^\d+_/.test(n))
    .sort()) {
    await client.query(readFileSync(path.join(folder, migration, "migration.sql"), "utf8"));
  }
  await client.end();
  process.env.DATABASE_URL = url.toString();
  return url.toString();
}
