// Shared by the app, the CLI and prisma.config.ts, so that every entry point resolves
// DATABASE_URL the same way: a SQLite file under ./data/ unless a postgres URL is given.
import { mkdirSync } from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/latchkey.db";

/** @returns {"sqlite" | "postgresql"} */
export function providerOf(url) {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/**
 * DATABASE_URL, or the default. A relative SQLite path is made absolute against the working
 * directory, so that child processes (the migrator, the server) open the same file.
 * @returns {string}
 */
export function databaseUrl() {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (providerOf(url) === "postgresql") return url;
  const file = url.replace(/^file:/, "");
  return file === ":memory:" ? url : `file:${path.resolve(file)}`;
}

/** The filesystem path of a SQLite URL, with its folder created. */
export function sqlitePath(url) {
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return file;
}
