import { parseArgs } from "node:util";
import { z } from "zod";
import { bootstrap } from "../lib/domain/bootstrap";
import { disconnectDb } from "../lib/platform/db";
import { env } from "../lib/core/env";
import { nameSchema } from "../lib/core/schemas";
import { migrate } from "./migrate";
import { runWebhookSecret } from "./webhook-secret";
import { runWorker, WorkerUsageError } from "./worker";
import { runScan, ScanUsageError } from "./scan";
import { BackupUsageError, runBackup } from "./backup";
import { ImportUsageError, runImport } from "./import";

const USAGE = `Usage:
  latchkey migrate                      apply pending database migrations
  latchkey bootstrap --team <name> --app <name> --project <name> [--owner-email <email>] [--json]
                                        create a team, app, project and admin app key; whoever
                                        signs in with --owner-email owns the team
  latchkey start                        apply migrations, then serve the production build on $PORT
                                        (with the scheduler inside unless LATCHKEY_SCHEDULER=off)
  latchkey worker                       run the scheduler alone: rotations, notices, webhooks
                                        (it does not migrate: run latchkey migrate first)
  latchkey worker --once [--at <ISO time>] [--dry-run] [--json]
                                        run one pass, as if at that time, and print what it did
                                        (with --dry-run: what it would do, changing nothing)
  latchkey webhook-secret --project <id> [--json]
                                        create or rotate a project's webhook signing secret (shown once)
  latchkey backup <file>                copy the SQLite database online (SQLite's backup API) to a new file;
                                        a server started on the copy has every key
  latchkey import --project <id> [--environment <id>] [--json] <file.jsonl>
                                        import keys issued elsewhere by their SHA-256 hashes, one JSON
                                        object a line: {"hash", "name", "prefix"?, "scopes"?, "expires_at"?,
                                        "owner_id"?, "meta"?, "created_at"?}; checks every line first and
                                        writes nothing if one is wrong (exit 1); running it again skips
                                        the keys already imported
  latchkey scan [paths…] [--staged | --history [repo]] [--report <url>]
                                        find Latchkey keys (checked by their checksum, offline) in files,
                                        staged changes (a pre-commit hook) or a repository's history;
                                        prints file:line and each key's prefix, exits 1 if any;
                                        --report posts them to <url>/v1/leaks

DATABASE_URL picks the database: a SQLite file (default file:./data/latchkey.db) or postgresql://…`;

const bootstrapArgsSchema = z.object({
  team: nameSchema,
  app: nameSchema,
  project: nameSchema,
  "owner-email": z.email("must be an email address").max(320).optional(),
  json: z.boolean().default(false),
});

async function runBootstrap(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      team: { type: "string" },
      app: { type: "string" },
      project: { type: "string" },
      "owner-email": { type: "string" },
      json: { type: "boolean" },
    },
  });
  const parsed = bootstrapArgsSchema.safeParse(values);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n");
    throw new UsageError(`${fields}\n\n${USAGE}`);
  }
  await migrate();
  const { "owner-email": ownerEmail, ...names } = parsed.data;
  const result = await bootstrap({ ...names, ownerEmail });
  await disconnectDb();
  if (parsed.data.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(
    [
      `team      ${result.team_id}`,
      `app       ${result.app_id}`,
      `project   ${result.project_id}`,
      ...result.environments.map((e) => `env       ${e.id} (${e.name})`),
      `api key   ${result.api_key}`,
      ...(result.owner_email ? [`owner     ${result.owner_email} (owns the team once signed in)`] : []),
      "",
      "The API key is shown only once. Store it now.",
      "",
    ].join("\n"),
  );
}

async function runStart(): Promise<void> {
  const applied = await migrate();
  if (applied.length > 0) process.stderr.write(`applied migrations: ${applied.join(", ")}\n`);
  Object.assign(process.env, { NODE_ENV: "production" });
  const { serve } = await import("./serve");
  await serve({ port: env().PORT, hostname: env().HOST });
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case "migrate": {
      const applied = await migrate();
      process.stdout.write(
        applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}\n` : "The database is up to date.\n",
      );
      return;
    }
    case "bootstrap":
      return runBootstrap(rest);
    case "start":
      return runStart();
    case "worker":
      return runWorker(rest).catch((error: unknown) => {
        throw error instanceof WorkerUsageError ? new UsageError(`${error.message}\n\n${USAGE}`) : error;
      });
    case "webhook-secret":
      return runWebhookSecret(rest);
    case "backup":
      return runBackup(rest).catch((error: unknown) => {
        throw error instanceof BackupUsageError ? new UsageError(`${error.message}\n\n${USAGE}`) : error;
      });
    case "import": {
      const code = await runImport(rest).catch((error: unknown) => {
        throw error instanceof ImportUsageError ? new UsageError(`${error.message}\n\n${USAGE}`) : error;
      });
      process.exitCode = code;
      return;
    }
    case "scan": {
      const code = await runScan(rest).catch((error: unknown) => {
        throw error instanceof ScanUsageError ? new UsageError(`${error.message}\n\n${USAGE}`) : error;
      });
      process.exitCode = code;
      return;
    }
    case undefined:
    case "help":
    case "--help":
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
