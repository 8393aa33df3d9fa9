// Seeds the demo team for `npm run lighthouse`, through the same service functions the
// console and the API use, so that the pages measured show realistic content: two apps, a
// project of 50 keys (some revoked, one rotated inside its grace period, one with an expiry,
// a week of verification counts) and app admin keys.
//
// Run with the server-only shim, against the database the server uses, after the demo owner
// signed in once (signing in creates the demo team):
//   DATABASE_URL=file:/tmp/…/db.sqlite node --import tsx --import ./cli/register.mjs scripts/lib/lighthouse-seed.ts
// It prints one JSON line: the ids the pages need.
import { createAppApiKey } from "../../lib/domain/app-keys/service";
import { createApp } from "../../lib/domain/apps/service";
import { DEMO_TEAM, DEMO_USERS } from "../../lib/domain/accounts/demo-users";
import type { AppScope, TeamScope } from "../../lib/core/scope";
import { db, disconnectDb } from "../../lib/platform/db";
import { rotateApiKey } from "../../lib/domain/keys/rotate";
import { createApiKey, revokeApiKey } from "../../lib/domain/keys/service";
import { flushUsage, processVerifier } from "../../lib/http/api/process-verifier";
import type { VerificationOutcome } from "../../lib/domain/keys/usage-buffer";
import { createProject } from "../../lib/domain/projects/service";
import { getMembership } from "../../lib/domain/teams/members";

export type SeedResult = {
  teamSlug: string;
  appId: string;
  projectId: string;
  /** An active key with scopes, an expiry, a rotation policy and a week of usage. */
  keyId: string;
  appKeyId: string;
  keys: number;
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const KEY_COUNT = 50;
const SERVICES = [
  "billing",
  "checkout",
  "search",
  "catalog",
  "notifications",
  "reports",
  "inventory",
  "shipping",
  "auth-proxy",
  "analytics",
];
const SCOPES = [
  ["invoices:read"],
  ["invoices:read", "invoices:write"],
  ["orders:read", "orders:write", "customers:read"],
  [],
  ["search:query"],
];

async function seed(): Promise<SeedResult> {
  const owner = DEMO_USERS.find((u) => u.login === "owner")!;
  const user = await db().user.findUnique({ where: { email: owner.email } });
  if (!user) throw new Error(`no user ${owner.email}: sign in as "owner" once before seeding`);
  const { team } = await getMembership(user.id, DEMO_TEAM.slug);
  const teamScope: TeamScope = { teamId: team.id, actor: { type: "user", id: user.id }, request: { ipAddress: null, userAgent: null } };

  const app = await createApp(teamScope, { name: "Storefront" });
  const scope: AppScope = { ...teamScope, appId: app.id };
  const project = await createProject(scope, { name: "Public API" });
  await createProject(scope, { name: "Partner webhooks" });
  const live = project.environments.find((e) => e.kind === "live") ?? project.environments[0]!;
  const test = project.environments.find((e) => e.id !== live.id) ?? live;

  const now = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < KEY_COUNT; i++) {
    const { row } = await createApiKey(scope, {
      project_id: project.id,
      environment_id: i % 4 === 3 ? test.id : live.id,
      name: `${SERVICES[i % SERVICES.length]} ${Math.floor(i / SERVICES.length) + 1}`,
      scopes: SCOPES[i % SCOPES.length],
      expires_at: i === 0 ? new Date(now + 30 * DAY_MS) : null,
      rotation_interval_days: i % 5 === 0 ? 90 : null,
      rotation_webhook_url: i === 0 ? "https://example.com/hooks/latchkey" : null,
    });
    ids.push(row.id);
  }
  for (const id of ids.slice(-4)) await revokeApiKey(scope, id);
  await rotateApiKey(scope, ids[1]!, { grace_period_seconds: 86_400 });

  // A week of hourly verification counts on a few keys, written the way the verify path does.
  const outcomes: VerificationOutcome[] = ["valid", "valid", "valid", "insufficient_scopes", "expired"];
  for (const [k, id] of ids.slice(0, 6).entries()) {
    for (let h = 0; h < 7 * 24; h++) {
      const at = new Date(now - h * HOUR_MS);
      const count = 1 + ((h * 7 + k * 13) % 11);
      for (let c = 0; c < count; c++)
        processVerifier().usage.countVerification(app.id, project.id, id, outcomes[(h + c + k) % outcomes.length]!, at);
    }
    processVerifier().usage.touchApiKey(id, new Date(now - k * 17 * 60_000));
  }
  processVerifier().usage.countVerification(app.id, "", "", "not_found", new Date(now - 2 * HOUR_MS));
  await flushUsage();

  const { row: appKey } = await createAppApiKey(scope, { name: "deploy bot", role: "admin" });
  await createAppApiKey(scope, { name: "edge verifier", role: "verifier" });

  // A second, smaller app, so that the apps page lists more than one.
  const other = await createApp(teamScope, { name: "Internal tools" });
  await createProject({ ...teamScope, appId: other.id }, { name: "Admin panel" });

  return { teamSlug: team.slug, appId: app.id, projectId: project.id, keyId: ids[0]!, appKeyId: appKey.id, keys: KEY_COUNT };
}

try {
  const result = await seed();
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await disconnectDb();
}
