import { createReadStream, existsSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { idSchema } from "../lib/core/schemas";
import { disconnectDb } from "../lib/platform/db";
import { systemScopeForProject } from "../lib/domain/projects/service";
import { type ImportLine, ImportRejected, importApiKeys } from "../lib/domain/keys/import";
import { migrate } from "./migrate";

// `latchkey import --project <id> [--environment <id>] <file.jsonl>`: brings in keys issued by
// another key service, by their SHA-256 hashes (lib/domain/keys/import.ts). Progress goes to
// stderr; the result to stdout. Exit 0 when done, 1 when lines are refused (nothing is written),
// 2 on a usage error.

export class ImportUsageError extends Error {}

const PROGRESS_EVERY_MS = 2_000;

async function* readLines(file: string): AsyncIterable<ImportLine> {
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) yield { line: ++line, text };
}

export async function runImport(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { project: { type: "string" }, environment: { type: "string" }, json: { type: "boolean" } },
    });
  } catch (error) {
    throw new ImportUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const projectId = idSchema.safeParse(values.project);
  if (!projectId.success) throw new ImportUsageError("--project <project id> is required");
  if (values.environment !== undefined && !idSchema.safeParse(values.environment).success)
    throw new ImportUsageError("--environment must be an environment id");
  if (positionals.length !== 1) throw new ImportUsageError("give one JSON Lines file to import");
  const file = positionals[0]!;
  if (!existsSync(file) || !statSync(file).isFile()) throw new ImportUsageError(`${file} is not a file`);

  await migrate();
  try {
    const scope = await systemScopeForProject(projectId.data, "cli:import").catch(() => {
      throw new ImportUsageError(`Project ${projectId.data} not found.`);
    });
    let shown = Date.now();
    const result = await importApiKeys(scope, {
      projectId: projectId.data,
      environmentId: values.environment,
      lines: () => readLines(file),
      onProgress(progress) {
        if (Date.now() - shown < PROGRESS_EVERY_MS) return;
        shown = Date.now();
        process.stderr.write(`import: ${progress.lines} lines read, ${progress.imported} imported, ${progress.skipped} already there\n`);
      },
    });
    process.stdout.write(
      values.json
        ? `${JSON.stringify(result)}\n`
        : `imported ${result.imported} key(s) into ${result.project_id} (environment ${result.environment_id}); ` +
            `${result.skipped} were there already\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    const lines = error.problems.map((p) => `  line ${p.line}: ${p.message}`);
    const more = error.problemCount > error.problems.length ? [`  … and ${error.problemCount - error.problems.length} more`] : [];
    process.stderr.write(`${error.message}\n${[...lines, ...more].join("\n")}\n`);
    return 1;
  } finally {
    await disconnectDb();
  }
}
