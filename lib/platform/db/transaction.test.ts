import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { createTestSqliteDatabase } from "../../../test/helpers/test-db";

const file = createTestSqliteDatabase();
const { db, disconnectDb, transaction } = await import("./index");

afterAll(() => disconnectDb());

/**
 * Another process that takes SQLite's write lock, writes, and commits `holdMs` later on its
 * own: this process may be blocked in SQLite's busy wait meanwhile, so it cannot be told when.
 */
async function writerInAnotherProcess(holdMs: number) {
  const script = `
    const Database = require("better-sqlite3");
    const sqlite = new Database(${JSON.stringify(file)});
    sqlite.exec("BEGIN IMMEDIATE");
    sqlite.prepare("INSERT INTO Team (id, name, slug, createdAt) VALUES ('team_other', 'Other', 'other', 0)").run();
    process.stdout.write("locked\\n");
    setTimeout(() => { sqlite.exec("COMMIT"); sqlite.close(); process.stdout.write("committed\\n"); process.exit(0); }, ${holdMs});
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  while (!out.includes("locked")) await new Promise((resolve) => setTimeout(resolve, 5));
  return { committed: new Promise<void>((resolve) => child.once("exit", () => resolve())) };
}

describe("transaction", () => {
  it("waits for another process's write lock, then runs once on the other's committed data", async () => {
    expect(await db().team.count()).toBe(0); // connected: the transaction below starts at once
    const writer = await writerInAnotherProcess(800);
    let attempts = 0;
    const started = Date.now();
    const seen = await transaction(async (tx) => {
      attempts++;
      // Read, then write: with a deferred BEGIN the write could not take the lock that the other
      // process held, and failed at once ("database is locked") instead of waiting.
      const teams = await tx.team.count();
      await tx.team.create({ data: { id: `team_mine${attempts}`, name: "Mine", slug: `mine-${attempts}` } });
      return teams;
    });
    await writer.committed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(attempts).toBe(1);
    expect(seen).toBe(1);
    expect(await db().team.count()).toBe(2);
  });

  it("keeps another request's write that arrives while a transaction is open and then rolls back", async () => {
    const failing = transaction(async (tx) => {
      await tx.team.create({ data: { id: "team_rolled_back", name: "Rolled back", slug: "rolled-back" } });
      await new Promise((r) => setTimeout(r, 150));
      throw new Error("roll back");
    });
    await new Promise((r) => setTimeout(r, 30));
    await db().team.create({ data: { id: "team_independent", name: "Independent", slug: "independent" } });
    await expect(failing).rejects.toThrow("roll back");
    expect(await db().team.findUnique({ where: { id: "team_independent" } })).not.toBeNull();
    expect(await db().team.findUnique({ where: { id: "team_rolled_back" } })).toBeNull();
  });

  it("does not retry a failure of the work itself", async () => {
    let attempts = 0;
    await expect(
      transaction(async () => {
        attempts++;
        throw new Error("domain failure");
      }),
    ).rejects.toThrow("domain failure");
    expect(attempts).toBe(1);
  });
});
