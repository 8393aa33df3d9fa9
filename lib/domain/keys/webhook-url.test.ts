import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppScope } from "../../core/scope";
import { createTestSqliteDatabase } from "../../../test/helpers/test-db";
import { refusal } from "../../../test/helpers/refusal";

// A key's webhook URL is checked against the server's delivery policy when it is entered: in
// production, http to localhost and private addresses are a 400 naming the field, not a
// delivery that fails days later.

createTestSqliteDatabase();
vi.mock(import("../webhooks/url-guard"), async (original) => {
  const actual = await original();
  const production = { production: true, allow: actual.parseAllowList("hooks.internal, 10.20.0.0/16") };
  return { ...actual, targetPolicy: () => production };
});

const { bootstrap } = await import("../bootstrap");
const { createApiKey, updateApiKey } = await import("./service");
const { disconnectDb } = await import("../../platform/db");

let scope: AppScope & { projectId: string };

beforeAll(async () => {
  const r = await bootstrap({ team: "Urls", app: "Urls app", project: "Urls project" });
  scope = {
    teamId: r.team_id,
    appId: r.app_id,
    actor: { type: "system", id: "test" },
    request: { ipAddress: null, userAgent: null },
    projectId: r.project_id,
  };
});
afterAll(() => disconnectDb());

describe("a webhook URL under the production policy", () => {
  it.each([
    ["http://localhost:4000/hook", /https/],
    ["http://127.0.0.1/hook", /https/],
    ["https://127.0.0.1/hook", /loopback/],
    ["https://10.0.0.7/hook", /private/],
    ["https://169.254.169.254/latest", /cloud metadata/],
    ["https://[::1]/hook", /loopback/],
  ])("refuses %s on create and on update, naming the field", async (url, reason) => {
    const created = await refusal(createApiKey(scope, { project_id: scope.projectId, name: "hook", rotation_webhook_url: url }));
    expect(created).toMatchObject({ code: "invalid_request", field: "rotation_webhook_url", detail: expect.stringMatching(reason) });
    const { row } = await createApiKey(scope, { project_id: scope.projectId, name: "plain" });
    expect(await refusal(updateApiKey(scope, row.id, { rotation_webhook_url: url }))).toMatchObject({
      code: "invalid_request",
      field: "rotation_webhook_url",
    });
  });

  it("accepts public https targets and the operator's allow-list", async () => {
    for (const url of ["https://hooks.example.com/latchkey", "https://hooks.internal/x", "https://10.20.3.4/x"]) {
      expect(
        (await createApiKey(scope, { project_id: scope.projectId, name: "ok", rotation_webhook_url: url })).row.rotationWebhookUrl,
      ).toBe(url);
    }
  });
});
