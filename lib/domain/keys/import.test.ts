import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/test-db";

// Runs on SQLite, and on PostgreSQL when LATCHKEY_TEST_POSTGRES_URL is set (scripts/test.mjs).
await createTestDatabase();

const { bootstrap } = await import("../bootstrap");
const { db, disconnectDb } = await import("../../platform/db");
const { importApiKeys, ImportRejected, IMPORT_BATCH } = await import("./import");
const { getApiKey, createApiKey, revokeApiKey } = await import("./service");
const { toApiKeyJson } = await import("./serialize");
const { processVerifier } = await import("../../http/api/process-verifier");
import type { AppScope } from "../../core/scope";
import type { ImportLine } from "./import";

type Tenant = AppScope & { projectId: string; appKey: string };
let a: Tenant;
let b: Tenant;

async function tenant(name: string): Promise<Tenant> {
  const result = await bootstrap({ team: name, app: `${name} app`, project: `${name} project` });
  return {
    teamId: result.team_id,
    appId: result.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: null, userAgent: null },
    projectId: result.project_id,
    appKey: result.api_key,
  };
}

beforeAll(async () => {
  a = await tenant("Importer");
  b = await tenant("Bystander");
});
afterAll(() => disconnectDb());

const sha256 = (key: string, encoding: "hex" | "base64" | "base64url" = "hex") => createHash("sha256").update(key).digest(encoding);

function linesOf(...values: unknown[]): () => AsyncIterable<ImportLine> {
  const texts = values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  return async function* () {
    for (const [i, text] of texts.entries()) yield { line: i + 1, text };
  };
}

/** Verifies as the tenant's app key would over HTTP: the caller (and its app's import flag) comes from authorize. */
async function verify(t: Tenant, key: string, scopes?: string[]) {
  const verifier = processVerifier();
  const caller = await verifier.authorize(new Headers({ authorization: `Bearer ${t.appKey}` }), "keys:verify");
  return verifier.verify(caller, { key, ...(scopes ? { scopes } : {}) });
}

describe("importApiKeys", () => {
  it("before any import, a key not in Latchkey's format is MALFORMED without a lookup", async () => {
    expect((await verify(a, "sk_home_grown_0001")).code).toBe("MALFORMED");
  });

  it("imports hex, base64 and base64url hashes; each key verifies as VALID with its fields, and reads as imported", async () => {
    const result = await importApiKeys(a, {
      projectId: a.projectId,
      lines: linesOf(
        { hash: sha256("sk_home_grown_0001"), name: "hex", prefix: "sk_home", scopes: ["read"], owner_id: "cus_1", meta: { plan: "pro" } },
        "",
        { hash: sha256("unkey_AAAA1111", "base64"), name: "base64", created_at: "2024-01-02T03:04:05Z" },
        { hash: sha256("unkey_BBBB2222", "base64url"), name: "base64url" },
        { hash: sha256("expired-key"), name: "expired", expires_at: "2020-01-01T00:00:00Z" },
      ),
    });
    expect(result).toMatchObject({ imported: 4, skipped: 0, lines: 5, project_id: a.projectId });

    const valid = await verify(a, "sk_home_grown_0001", ["read"]);
    expect(valid).toMatchObject({
      valid: true,
      code: "VALID",
      project_id: a.projectId,
      scopes: ["read"],
      owner_id: "cus_1",
      meta: { plan: "pro" },
    });
    expect((await verify(a, "sk_home_grown_0001", ["write"])).code).toBe("INSUFFICIENT_SCOPES");
    expect((await verify(a, "unkey_AAAA1111")).code).toBe("VALID");
    expect((await verify(a, "unkey_BBBB2222")).code).toBe("VALID");
    expect((await verify(a, "expired-key")).code).toBe("EXPIRED");
    // Now that the app holds imported keys, an unknown string is looked up and not found.
    expect((await verify(a, "sk_home_grown_9999")).code).toBe("NOT_FOUND");
    // The checksum gate still applies to strings in Latchkey's format.
    expect((await verify(a, `lk_live_${"A".repeat(57)}`)).code).toBe("MALFORMED");
    // Another app sees neither the keys nor the gate.
    expect((await verify(b, "sk_home_grown_0001")).code).toBe("MALFORMED");

    const row = await getApiKey(a, valid.key_id!);
    expect(toApiKeyJson(row)).toMatchObject({ source: "imported", key_prefix: "sk_home", name: "hex", owner_id: "cus_1" });
    const old = await db().apiKey.findFirstOrThrow({ where: { projectId: a.projectId, name: "base64" } });
    expect(old.createdAt.toISOString()).toBe("2024-01-02T03:04:05.000Z");
    expect(old.keyHash).toBe(sha256("unkey_AAAA1111"));
    const generated = await createApiKey(a, { project_id: a.projectId, name: "native" });
    expect(toApiKeyJson(generated.row).source).toBe("generated");
    expect((await verify(a, generated.plaintext)).code).toBe("VALID");

    const audit = await db().auditEvent.findMany({ where: { appId: a.appId, action: "api_key.imported" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.metadata as string)).toMatchObject({ imported: 4, skipped: 0 });
  });

  it("is idempotent: the same file again imports nothing and skips every key; a revoked imported key stays revoked", async () => {
    const key = await db().apiKey.findFirstOrThrow({ where: { projectId: a.projectId, name: "hex" } });
    await revokeApiKey(a, key.id);
    expect((await verify(a, "sk_home_grown_0001")).code).toBe("REVOKED");
    const again = await importApiKeys(a, {
      projectId: a.projectId,
      lines: linesOf(
        { hash: sha256("sk_home_grown_0001"), name: "hex" },
        { hash: sha256("new-one"), name: "new" },
        { hash: sha256("new-one"), name: "twice" },
      ),
    });
    expect(again).toMatchObject({ imported: 1, skipped: 2 });
    expect((await verify(a, "sk_home_grown_0001")).code).toBe("REVOKED");
    expect(await db().apiKey.count({ where: { projectId: a.projectId, keyHash: sha256("new-one") } })).toBe(1);
  });

  it("refuses the whole file, writing nothing, when a line is bad or a hash is another project's key", async () => {
    const before = await db().apiKey.count();
    const attempt = importApiKeys(b, {
      projectId: b.projectId,
      lines: linesOf(
        { hash: sha256("fine"), name: "fine" },
        "{not json",
        { hash: "abc", name: "short hash" },
        { hash: sha256("x"), name: "" },
        { hash: sha256("y"), name: "typo", scope: ["read"] },
        { hash: sha256("z"), name: "future", created_at: "2999-01-01T00:00:00Z" },
        { hash: sha256("new-one"), name: "someone else's" },
        { hash: `${sha256("p", "base64").slice(0, -2)}B=`, name: "non-canonical base64" },
      ),
    });
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    const problems = (error as InstanceType<typeof ImportRejected>).problems;
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(problems[0]!.message).toBe("is not JSON");
    expect(problems[1]!.message).toMatch(/^hash: must be a SHA-256 digest/);
    expect(problems[2]!.message).toMatch(/^name:/);
    expect(problems[4]!.message).toBe("created_at: must not be in the future");
    expect(problems[5]!.message).toBe("hash: is already a key of another project");
    expect(await db().apiKey.count()).toBe(before);
    expect((await db().app.findUniqueOrThrow({ where: { id: b.appId } })).importedKeys).toBe(false);
  });

  it("cannot import into another app's project", async () => {
    await expect(importApiKeys(b, { projectId: a.projectId, lines: linesOf({ hash: sha256("q"), name: "q" }) })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("writes a long file in batches and reports progress after each", async () => {
    const count = IMPORT_BATCH * 2 + 7;
    const progress: number[] = [];
    const result = await importApiKeys(b, {
      projectId: b.projectId,
      lines: linesOf(...Array.from({ length: count }, (_, i) => ({ hash: sha256(`bulk-${i}`), name: `bulk ${i}` }))),
      onProgress: (p) => progress.push(p.imported),
    });
    expect(result.imported).toBe(count);
    expect(progress).toEqual([IMPORT_BATCH, IMPORT_BATCH * 2, count]);
    expect((await verify(b, `bulk-${count - 1}`)).code).toBe("VALID");
  });
});
