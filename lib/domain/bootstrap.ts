import "server-only";
import { insertAppApiKey } from "./app-keys/service";
import { insertApp } from "./apps/service";
import { type Actor, NO_REQUEST } from "../core/scope";
import { transaction } from "../platform/db";
import { recordAudit } from "./audit/service";
import { newId } from "../core/ids";
import { insertProject } from "./projects/service";
import { insertUser } from "./teams/members";
import { insertTeam } from "./teams/service";

/** `ownerEmail`: whoever signs in with this email owns the team (without it, nobody can reach the team in the console). */
export type BootstrapInput = { team: string; app: string; project: string; ownerEmail?: string };

export type BootstrapResult = {
  team_id: string;
  app_id: string;
  project_id: string;
  environments: { id: string; name: string }[];
  api_key: string;
  owner_email?: string;
};

/** Headless setup: a team, an app, a project with its environments and an admin app key, all or nothing. */
export async function bootstrap(input: BootstrapInput, actor: Actor = { type: "system", id: "cli" }): Promise<BootstrapResult> {
  return transaction(async (tx) => {
    const team = await insertTeam(tx, { name: input.team }, actor, NO_REQUEST);
    const teamScope = { teamId: team.id, actor, request: NO_REQUEST };
    const app = await insertApp(tx, teamScope, { name: input.app });
    const appScope = { ...teamScope, appId: app.id };
    const project = await insertProject(tx, appScope, { name: input.project });
    const key = await insertAppApiKey(tx, appScope, { name: "Bootstrap admin key", role: "admin" });
    if (input.ownerEmail) {
      const email = input.ownerEmail.trim().toLowerCase();
      // The account exists from now on, as a first sign-in would make it; signing in finds it by email.
      const user = (await tx.user.findUnique({ where: { email } })) ?? (await insertUser(tx, { email }));
      await tx.membership.create({ data: { id: newId("membership"), teamId: team.id, userId: user.id, role: "owner" } });
      await recordAudit(tx, teamScope, {
        action: "member.joined",
        target: { type: "user", id: user.id },
        metadata: { email, role: "owner", via: "bootstrap" },
      });
    }
    return {
      team_id: team.id,
      app_id: app.id,
      project_id: project.id,
      environments: project.environments.map((e) => ({ id: e.id, name: e.name })),
      api_key: key.plaintext,
      ...(input.ownerEmail ? { owner_email: input.ownerEmail.trim().toLowerCase() } : {}),
    };
  });
}
