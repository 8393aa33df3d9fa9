import "server-only";
import type { AppScope } from "../../core/scope";
import { z } from "../../core/zod";
import { DomainError, invalidField } from "../../core/errors";
import { newId } from "../../core/ids";
import { nameSchema, textSchema, timestampInputSchema } from "../../core/schemas";
import { db, transaction } from "../../platform/db";
import { announceEverythingChanged, announceKeyChange, everythingChanged, keysChanged } from "../../platform/cache/invalidation";
import { recordAudit } from "../audit/service";
import { assertExpiryAllowed } from "../projects/policy";
import { getProject, type ProjectWithEnvironments } from "../projects/service";
import { metaSchema, ownerIdSchema, scopesSchema } from "./schemas";

// Keys issued by another key service, brought in by their SHA-256 hashes (`latchkey import`), so
// that a team can move to Latchkey without reissuing its customers' keys. An imported key has no
// Latchkey checksum: once an app holds one, verification looks up any key that is not in
// Latchkey's format (`lk_<kind>_…`) by its hash (App.importedKeys, lib/domain/keys/verify.ts).
//
// The file is read twice, a batch at a time, so that memory does not grow with it: the first pass
// checks every line and every hash (nothing is written if one is wrong), the second writes. Each
// batch is one transaction; a hash already in the project is skipped, so an import that stopped
// half-way is finished by running it again.

/** SHA-256 as 64 hex digits, or its 32 bytes in base64 or base64url (Unkey exports this form), as hex. */
export const importedHashSchema = z
  .string()
  .max(100)
  .transform((value, ctx) => {
    const hex = sha256Hex(value.trim());
    if (hex === null) {
      ctx.addIssue({ code: "custom", message: "must be a SHA-256 digest: 64 hex digits, or 32 bytes in base64" });
      return z.NEVER;
    }
    return hex;
  });

function sha256Hex(value: string): string | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase();
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(value)) return null;
  const bytes = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  // Base64 with stray low bits would decode to the same bytes as another string: refuse it.
  if (bytes.length !== 32 || bytes.toString("base64").replace(/=+$/, "") !== value.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, ""))
    return null;
  return bytes.toString("hex");
}

export const importedKeySchema = z.strictObject({
  hash: importedHashSchema,
  name: nameSchema,
  /** Shown in lists as key_prefix: the first characters of the key, which are not secret. */
  prefix: textSchema().max(32, "must be at most 32 characters").optional(),
  scopes: scopesSchema.optional(),
  expires_at: timestampInputSchema.nullable().optional(),
  owner_id: ownerIdSchema.nullable().optional(),
  meta: metaSchema.nullable().optional(),
  created_at: timestampInputSchema.optional(),
});
export type ImportedKey = z.output<typeof importedKeySchema>;

export const IMPORT_BATCH = 500;
const MAX_REPORTED_PROBLEMS = 20;

/** A line of the file that cannot be imported: its number (from 1) and why. */
export type ImportProblem = { line: number; message: string };

export class ImportRejected extends DomainError {
  constructor(
    readonly problems: ImportProblem[],
    readonly problemCount: number,
  ) {
    super("invalid_request", `${problemCount} line(s) cannot be imported; nothing was imported.`);
  }
}

export type ImportLine = { line: number; text: string };
export type ImportProgress = { lines: number; imported: number; skipped: number };
export type ImportResult = ImportProgress & { project_id: string; environment_id: string };

type Parsed = { line: number; key: ImportedKey };
type Environment = ProjectWithEnvironments["environments"][number];

/** Parses a batch of lines; problems are pushed, parsed keys returned. Blank lines are skipped. */
function parseBatch(
  batch: ImportLine[],
  project: ProjectWithEnvironments,
  environment: Environment,
  now: Date,
  problems: ImportProblem[],
): Parsed[] {
  const parsed: Parsed[] = [];
  for (const { line, text } of batch) {
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      problems.push({ line, message: "is not JSON" });
      continue;
    }
    const result = importedKeySchema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const field = issue.path.join(".");
      problems.push({ line, message: field ? `${field}: ${issue.message}` : issue.message });
      continue;
    }
    const key = result.data;
    try {
      if (key.created_at && key.created_at > now) throw invalidField("created_at", "must not be in the future");
      assertExpiryAllowed(project, environment, key.expires_at ?? null, key.created_at ?? now);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push({ line, message: error.message });
      continue;
    }
    parsed.push({ line, key });
  }
  return parsed;
}

/** The hashes of a batch that are already keys: in this project (skipped), or elsewhere (a problem). */
async function existingHashes(projectId: string, batch: Parsed[]) {
  const rows = await db().apiKey.findMany({
    where: { keyHash: { in: batch.map((p) => p.key.hash) } },
    select: { keyHash: true, projectId: true },
  });
  return new Map(rows.map((row) => [row.keyHash, row.projectId === projectId]));
}

async function* batches(lines: () => AsyncIterable<ImportLine>): AsyncIterable<ImportLine[]> {
  let batch: ImportLine[] = [];
  for await (const line of lines()) {
    batch.push(line);
    if (batch.length === IMPORT_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Imports the keys of a JSON Lines file into a project. `lines` is called once per pass and
 * must give the same lines each time. Throws ImportRejected, having written nothing, when any
 * line is invalid or any hash is another project's key.
 */
export async function importApiKeys(
  scope: AppScope,
  input: {
    projectId: string;
    environmentId?: string;
    lines: () => AsyncIterable<ImportLine>;
    onProgress?: (progress: ImportProgress) => void;
  },
): Promise<ImportResult> {
  const now = new Date();
  const project = await getProject(scope, input.projectId);
  const environment = input.environmentId
    ? project.environments.find((e) => e.id === input.environmentId)
    : project.environments.find((e) => e.kind === "live");
  if (!environment) throw invalidField("environment_id", "is not an environment of this project");

  // Pass 1: check everything, write nothing.
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  for await (const batch of batches(input.lines)) {
    const found: ImportProblem[] = [];
    const parsed = parseBatch(batch, project, environment, now, found);
    const existing = await existingHashes(project.id, parsed);
    for (const { line, key } of parsed)
      if (existing.get(key.hash) === false) found.push({ line, message: "hash: is already a key of another project" });
    problemCount += found.length;
    problems.push(...found.slice(0, MAX_REPORTED_PROBLEMS - problems.length));
  }
  if (problemCount > 0)
    throw new ImportRejected(
      problems.sort((a, b) => a.line - b.line),
      problemCount,
    );

  // Pass 2: write, a batch per transaction.
  const progress: ImportProgress = { lines: 0, imported: 0, skipped: 0 };
  for await (const batch of batches(input.lines)) {
    progress.lines += batch.length;
    const parsed = parseBatch(batch, project, environment, now, []);
    const existing = await existingHashes(project.id, parsed);
    const seen = new Set<string>();
    const fresh = parsed.filter(({ key }) => {
      const duplicate = existing.has(key.hash) || seen.has(key.hash);
      seen.add(key.hash);
      return !duplicate;
    });
    progress.skipped += parsed.length - fresh.length;
    if (fresh.length > 0) {
      const rows = fresh.map(({ key }) => ({ id: newId("apiKey"), key }));
      const opened = await transaction(async (tx) => {
        await tx.apiKey.createMany({
          data: rows.map(({ id, key }) => ({
            id,
            appId: scope.appId,
            projectId: project.id,
            environmentId: environment.id,
            name: key.name,
            keyPrefix: key.prefix ?? "",
            keyHash: key.hash,
            scopes: JSON.stringify(key.scopes ?? []),
            expiresAt: key.expires_at ?? null,
            createdAt: key.created_at ?? now,
            ownerId: key.owner_id ?? null,
            meta: key.meta == null ? null : JSON.stringify(key.meta),
            createdBy: scope.actor.id,
            source: "imported",
          })),
        });
        // The first import opens the app's verification by hash: every instance then forgets what
        // it cached (the app's keys were read without the flag), and SDKs' change streams reset.
        const { count } = await tx.app.updateMany({ where: { id: scope.appId, importedKeys: false }, data: { importedKeys: true } });
        if (count > 0) await announceEverythingChanged(tx, scope.appId, "keys_imported");
        // Otherwise each instance forgets a miss it may have cached for one of these hashes.
        else
          await announceKeyChange(
            tx,
            rows.map(({ id, key }) => ({ kind: "key" as const, keyId: id, keyHash: key.hash, appId: scope.appId, change: "imported" })),
          );
        return count > 0;
      });
      if (opened) everythingChanged();
      else keysChanged(rows.map(({ key }) => key.hash));
      progress.imported += fresh.length;
    }
    input.onProgress?.({ ...progress });
  }

  await transaction((tx) =>
    recordAudit(tx, scope, {
      action: "api_key.imported",
      target: { type: "project", id: project.id },
      metadata: { environment_id: environment.id, imported: progress.imported, skipped: progress.skipped },
    }),
  );
  return { ...progress, project_id: project.id, environment_id: environment.id };
}
