import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { databaseUrl, providerOf, sqlitePath } from "../lib/db/url.mjs";

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Applies pending migrations for the database DATABASE_URL names. Progress goes to stderr. */
export function migrate(): void {
  const url = databaseUrl();
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
}
