import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { bootstrapTenant, expect, test } from "../fixtures";

// `latchkey import` run beside the real server, on each database: keys issued by another key
// service verify by their hash through the server, which learns of the import from the change
// log (PostgreSQL's notifications, or SQLite's log read every 250 ms) without a restart.

const sha256 = (key: string, encoding: "hex" | "base64") => createHash("sha256").update(key).digest(encoding);

function importFile(databaseUrl: string, projectId: string, lines: unknown[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "latchkey-import-"));
  const file = path.join(dir, "keys.jsonl");
  writeFileSync(file, lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n") + "\n");
  const run = spawnSync(process.execPath, ["bin/latchkey.mjs", "import", "--project", projectId, "--json", file], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test("keys imported by hash verify as VALID through the running server, read as imported, and a second run skips them", async ({
  request,
  databaseUrl,
}) => {
  test.setTimeout(120_000);
  const tenant = bootstrapTenant(databaseUrl, "Importer");
  const call = async (method: string, route: string, body?: unknown) => {
    const response = await request.fetch(route, {
      method,
      headers: { authorization: `Bearer ${tenant.api_key}` },
      ...(body === undefined ? {} : { data: body }),
    });
    return { status: response.status(), body: await response.json() };
  };
  const verify = async (key: string) => (await call("POST", "/v1/api-keys/verify", { key })).body;
  // The e2e databases outlive a run: every key string is new.
  const run = Date.now().toString(36);

  // Before the import the app holds no imported keys: the server refuses the string unseen (and caches that it may).
  expect((await verify(`sk_legacy_4f1c9a_${run}`)).code).toBe("MALFORMED");

  const lines = [
    {
      hash: sha256(`sk_legacy_4f1c9a_${run}`, "hex"),
      name: "home-grown",
      prefix: "sk_legacy",
      scopes: ["invoices:read"],
      owner_id: "cus_42",
    },
    // Unkey's export: base64 of the SHA-256.
    { hash: sha256(`unkey_3ZxF8Q_${run}`, "base64"), name: "from unkey", meta: { plan: "pro" }, created_at: "2025-06-01T00:00:00Z" },
    { hash: sha256(`sk_legacy_expired_${run}`, "hex"), name: "expired", expires_at: "2025-01-01T00:00:00Z" },
  ];
  const first = importFile(databaseUrl, tenant.project_id, lines);
  expect(first.status, first.stderr).toBe(0);
  expect(JSON.parse(first.stdout)).toMatchObject({ imported: 3, skipped: 0, project_id: tenant.project_id });

  // The server learns of the import without a restart.
  await expect.poll(async () => (await verify(`sk_legacy_4f1c9a_${run}`)).code, { timeout: 5_000, intervals: [100] }).toBe("VALID");
  const valid = await verify(`sk_legacy_4f1c9a_${run}`);
  expect(valid).toMatchObject({ valid: true, project_id: tenant.project_id, scopes: ["invoices:read"], owner_id: "cus_42" });
  expect(await verify(`unkey_3ZxF8Q_${run}`)).toMatchObject({ code: "VALID", meta: { plan: "pro" } });
  expect((await verify(`sk_legacy_expired_${run}`)).code).toBe("EXPIRED");
  expect((await verify(`sk_legacy_unknown_${run}`)).code).toBe("NOT_FOUND");
  // Strings in Latchkey's format are still judged by their checksum.
  expect((await verify(`lk_live_${"A".repeat(57)}`)).code).toBe("MALFORMED");

  const key = await call("GET", `/v1/api-keys/${valid.key_id}`);
  expect(key.body).toMatchObject({ source: "imported", key_prefix: "sk_legacy", name: "home-grown", owner_id: "cus_42" });
  const listed = (await call("GET", `/v1/api-keys?project_id=${tenant.project_id}`)).body as { name: string; source: string }[];
  const imported = listed.filter((k) => k.source === "imported").map((k) => k.name);
  // Listed by created_at: the key created in 2025 comes first.
  expect(imported[0]).toBe("from unkey");
  expect(imported.sort()).toEqual(["expired", "from unkey", "home-grown"]);

  // Revocation works on an imported key as on any other.
  expect(
    (
      await request.fetch(`/v1/api-keys/${valid.key_id}`, { method: "DELETE", headers: { authorization: `Bearer ${tenant.api_key}` } })
    ).status(),
  ).toBe(204);
  expect((await verify(`sk_legacy_4f1c9a_${run}`)).code).toBe("REVOKED");

  // Idempotent: the same file again imports nothing, and the revoked key stays revoked.
  const second = importFile(databaseUrl, tenant.project_id, lines);
  expect(second.status, second.stderr).toBe(0);
  expect(JSON.parse(second.stdout)).toMatchObject({ imported: 0, skipped: 3 });
  expect((await verify(`sk_legacy_4f1c9a_${run}`)).code).toBe("REVOKED");

  // A bad line refuses the whole file: nothing is written, and the line is named.
  const bad = importFile(databaseUrl, tenant.project_id, [
    { hash: sha256(`fresh_${run}`, "hex"), name: "fresh" },
    { hash: "not-a-digest", name: "bad" },
  ]);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain("line 2: hash: must be a SHA-256 digest");
  expect((await verify(`fresh_${run}`)).code).toBe("NOT_FOUND");

  const audit = (await call("GET", `/v1/apps/${tenant.app_id}/audit-events?action=api_key.imported`)).body;
  expect(audit.audit_events.map((e: { metadata: { imported: number } }) => e.metadata.imported)).toEqual(expect.arrayContaining([3, 0]));
});
