import { readdirSync } from "node:fs";
import { db } from "./connection";
import { firstRow } from "./raw";

// What GET /readyz asks of the main thread: does the database answer, and has it applied every
// migration this build carries? (The front thread adds whether its change feed is live.) Each
// check answers within a deadline, so that a hung database reads as not ready, not as a hung probe.

export type CheckResult = "ok" | string;
export type DatabaseReadiness = { database: CheckResult; migrations: CheckResult };

// Short, so that a load balancer sees an instance whose database stopped answering within 2 s.
const DEADLINE_MS = 1_000;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${DEADLINE_MS} ms`)), DEADLINE_MS).unref(),
    ),
  ]);
}

/** The migration folders of this build, read once: `migrationsDir` is prisma/<provider>/migrations. */
export function migrationNames(migrationsDir: string): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Each check's result: "ok", or a short reason with nothing secret in it (no address, no credentials). */
export async function checkDatabase(expected: readonly string[]): Promise<DatabaseReadiness> {
  try {
    await within(firstRow(`SELECT 1 AS "ok"`, []), "the database");
  } catch {
    return { database: "the database cannot be reached", migrations: "unknown while the database cannot be reached" };
  }
  try {
    const rows = await within(
      db().$queryRawUnsafe<{ migration_name: string }[]>(
        `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
      ),
      "the migrations table",
    );
    const applied = new Set(rows.map((row) => row.migration_name));
    const missing = expected.filter((name) => !applied.has(name));
    return { database: "ok", migrations: missing.length === 0 ? "ok" : `${missing.length} migration(s) not applied: run latchkey migrate` };
  } catch {
    return { database: "ok", migrations: "the migrations table cannot be read: run latchkey migrate" };
  }
}
