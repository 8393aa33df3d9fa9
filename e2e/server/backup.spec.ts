import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { bootstrapTenant, expect, test } from "../fixtures";
import { startServer } from "./spawn-server";

// `latchkey backup <file>` against a running server's SQLite file, and a fresh server started on
// the copy: every key is there, in the state it had.

test("latchkey backup copies the SQLite file while the server runs, and a fresh server on the copy has every key", async () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "latchkey-backup-"));
  const original = `file:${path.join(dir, "live.db")}`;
  const server = await startServer(original, { LATCHKEY_DATA_DIR: dir });
  const tenant = bootstrapTenant(original, "Backup");
  const call = async (base: string, method: string, route: string, body?: unknown) => {
    const response = await fetch(`${base}${route}`, {
      method,
      headers: { authorization: `Bearer ${tenant.api_key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };
  const keys = [];
  for (let i = 0; i < 20; i++)
    keys.push((await call(server.url, "POST", "/v1/api-keys", { project_id: tenant.project_id, name: `k${i}` })).body);
  await call(server.url, "DELETE", `/v1/api-keys/${keys[0].id}`);

  const copy = path.join(dir, "copy.db");
  const out = execFileSync(process.execPath, ["bin/latchkey.mjs", "backup", copy], {
    env: { ...process.env, DATABASE_URL: original },
    encoding: "utf8",
  });
  expect(out).toMatch(/Backed up .* \(20 API keys, integrity ok\)/);
  await server.stop();

  const restored = await startServer(`file:${copy}`, { LATCHKEY_DATA_DIR: dir });
  try {
    expect((await call(restored.url, "POST", "/v1/api-keys/verify", { key: keys[0].key })).body.code).toBe("REVOKED");
    for (const key of keys.slice(1))
      expect((await call(restored.url, "POST", "/v1/api-keys/verify", { key: key.key })).body.code).toBe("VALID");
    const listed = (await call(restored.url, "GET", `/v1/api-keys?project_id=${tenant.project_id}`)).body;
    expect(listed).toHaveLength(20);
  } finally {
    await restored.stop();
  }

  // A file that exists is not overwritten; PostgreSQL is pointed at its own tools.
  const again = () =>
    execFileSync(process.execPath, ["bin/latchkey.mjs", "backup", copy], {
      env: { ...process.env, DATABASE_URL: original },
      stdio: "pipe",
    });
  expect(again).toThrow(/exists already/);
  expect(() =>
    execFileSync(process.execPath, ["bin/latchkey.mjs", "backup", path.join(dir, "pg.db")], {
      env: { ...process.env, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
      stdio: "pipe",
    }),
  ).toThrow(/pg_dump/);
});
