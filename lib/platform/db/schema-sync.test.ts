import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

// The SQLite and PostgreSQL schemas must describe the same models, and each provider's
// newest migration must carry the current schema. This fails when the two drift.

const root = path.resolve(import.meta.dirname, "../../..");
const PROVIDERS = ["sqlite", "postgresql"] as const;
const MARKER = "// ---- models below this line are identical in both schema files ----";

function models(file: string): string {
  const text = readFileSync(file, "utf8");
  const at = text.indexOf(MARKER);
  expect(at, `${file} lacks the models marker`).toBeGreaterThan(0);
  return text.slice(at);
}

function migrationFolders(provider: string): string[] {
  return readdirSync(path.join(root, "prisma", provider, "migrations"))
    .filter((n) => /^\d{14}_/.test(n))
    .sort();
}

describe("prisma schemas", () => {
  it("declare the same models for SQLite and PostgreSQL", () => {
    expect(models(path.join(root, "prisma/sqlite/schema.prisma"))).toBe(models(path.join(root, "prisma/postgresql/schema.prisma")));
  });

  it("have the same migrations, by name, for both providers", () => {
    expect(migrationFolders("sqlite")).toEqual(migrationFolders("postgresql"));
  });

  it.each(PROVIDERS)("%s: the newest migration's snapshot is the current schema (run npm run db:migration)", (provider) => {
    const newest = migrationFolders(provider).at(-1)!;
    const snapshot = readFileSync(path.join(root, "prisma", provider, "migrations", newest, "schema.prisma"), "utf8");
    expect(snapshot).toBe(readFileSync(path.join(root, "prisma", provider, "schema.prisma"), "utf8"));
  });

  it("sqlite: the migrations together build exactly the current schema", () => {
    // PostgreSQL's migrations are applied to a real server by the integration tests.
    const fromEmpty = execFileSync(
      process.execPath,
      [
        path.join(root, "node_modules/prisma/build/index.js"),
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema-datamodel",
        path.join(root, "prisma/sqlite/schema.prisma"),
        "--script",
      ],
      { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: "file:./data/unused.db" }, stdio: ["ignore", "pipe", "ignore"] },
    );
    const migrated = new Database(":memory:");
    for (const m of migrationFolders("sqlite"))
      migrated.exec(readFileSync(path.join(root, "prisma/sqlite/migrations", m, "migration.sql"), "utf8"));
    const expected = new Database(":memory:");
    expected.exec(fromEmpty);
    expect(describeSqlite(migrated)).toEqual(describeSqlite(expected));
  });
});

/** Tables with their columns, foreign keys and indexes, in a stable order. */
function describeSqlite(sqlite: Database.Database) {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
    name: string;
  }[];
  return tables.map(({ name }) => ({
    name,
    // Column order differs after ALTER TABLE ... ADD COLUMN and means nothing: compare by name.
    columns: (sqlite.pragma(`table_info("${name}")`) as { cid: number; name: string }[])
      .map(({ cid: _position, ...column }) => column)
      .sort((x, y) => x.name.localeCompare(y.name)),
    foreignKeys: sqlite.pragma(`foreign_key_list("${name}")`),
    indexes: (sqlite.pragma(`index_list("${name}")`) as { name: string; unique: number }[])
      .map((i) => ({
        name: i.name,
        unique: i.unique,
        columns: (sqlite.pragma(`index_info("${i.name}")`) as { name: string }[]).map((c) => c.name),
      }))
      .sort((x, y) => x.name.localeCompare(y.name)),
  }));
}
