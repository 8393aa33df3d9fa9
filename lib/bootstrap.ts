import "server-only";
import { insertAppApiKey } from "./app-keys/service";
import { insertApp } from "./apps/service";
import { type Actor, NO_REQUEST } from "./auth/scope";
import { transaction } from "./db";
import { insertProject } from "./projects/service";
import { insertTeam } from "./teams/service";

export type BootstrapInput = { team: string; app: string; project: string };

export type BootstrapResult = {
  team_id: string;
  app_id: string;
  project_id: string;
  environments: { id: string; name: string }[];
  api_key: string;
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
    return {
      team_id: team.id,
      app_id: app.id,
      project_id: project.id,
      environments: project.environments.map((e) => ({ id: e.id, name: e.name })),
      api_key: key.plaintext,
    };
  });
}
