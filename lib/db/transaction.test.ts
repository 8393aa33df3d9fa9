import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { createTestSqliteDatabase } from "../testing/test-db";

const file = createTestSqliteDatabase();
const { db, disconnectDb, transaction } = await import("./index");

afterAll(() => disconnectDb());

/**
 * Another process that takes SQLite's write lock and writes, then commits when told to, so the
 * test can place that commit between its own transaction's read and write.
 */
async function writerInAnotherProcess() {
  const script = `
    const Database = require("better-sqlite3");
    const sqlite = new Database(${JSON.stringify(file)});
    sqlite.exec("BEGIN IMMEDIATE");
    sqlite.prepare("INSERT INTO Team (id, name, slug, createdAt) VALUES ('team_other', 'Other', 'other', 0)").run();
    process.stdout.write("locked\\n");
    process.stdin.once("data", () => { sqlite.exec("COMMIT"); sqlite.close(); process.stdout.write("committed\\n"); process.exit(0); });
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["pipe", "pipe", "inherit"] });
  const lines: string[] = [];
  const waitFor = (line: string) =>
    new Promise<void>((resolve) => {
      const check = () => (lines.includes(line) ? resolve() : setTimeout(check, 5));
      check();
    });
  child.stdout.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean)));
  await waitFor("locked");
  return {
    async commit() {
      child.stdin.write("go\n");
      await waitFor("committed");
    },
  };
}

describe("transaction", () => {
  it("retries a read-then-write transaction that another process's commit made stale", async () => {
    const writer = await writerInAnotherProcess();
    let attempts = 0;
    const team = await transaction(async (tx) => {
      attempts++;
      // Read first, taking a snapshot; the other process commits; then write on the stale snapshot.
      await tx.team.count();
      if (attempts === 1) await writer.commit();
      return tx.team.create({ data: { id: `team_mine${attempts}`, name: "Mine", slug: `mine-${attempts}` }, select: { id: true } });
    });
    expect(attempts).toBeGreaterThan(1);
    expect(await db().team.count()).toBe(2);
    expect(team.id).toBe(`team_mine${attempts}`);
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
