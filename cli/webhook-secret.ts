import { parseArgs } from "node:util";
import { disconnectDb } from "../lib/platform/db";
import { systemScopeForProject } from "../lib/domain/projects/service";
import { idSchema } from "../lib/core/schemas";
import { rotateWebhookSigningSecret } from "../lib/domain/webhooks/signing-secret";
import { migrate } from "./migrate";

// `latchkey webhook-secret --project <id>`: creates or rotates a project's webhook signing
// secret and prints it, once. The previous secret keeps signing beside it for a day.

export async function runWebhookSecret(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { project: { type: "string" }, json: { type: "boolean" } } });
  const projectId = idSchema.safeParse(values.project);
  if (!projectId.success) throw new Error("--project <project id> is required");
  await migrate();
  const scope = await systemScopeForProject(projectId.data, "cli").catch(() => {
    throw new Error(`Project ${projectId.data} not found.`);
  });
  const rotated = await rotateWebhookSigningSecret(scope, projectId.data);
  await disconnectDb();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rotated)}\n`);
    return;
  }
  const previous = rotated.previous_secret_expires_at
    ? `\nThe previous secret also signs until ${rotated.previous_secret_expires_at.toISOString()}.`
    : "";
  process.stdout.write(
    `signing secret   ${rotated.secret}\n\nThe secret is shown only once. Give it to the receivers of this project's webhooks.${previous}\n`,
  );
}
