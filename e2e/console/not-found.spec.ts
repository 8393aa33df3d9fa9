import { expect, test } from "../fixtures";
import { createApp, createKey, createProject, keyIdOfRow, unique } from "./console-flows";
import { signInAs } from "./sign-in-as";

// A console page for an id that does not exist, or that belongs to another team, answers the
// document request with HTTP 404 (not a 200 that streams "not found" later), and shows nothing
// of the other team's.

test("console pages for unknown ids and other teams' ids answer 404", async ({ page, apiA, a }) => {
  test.setTimeout(90_000);
  // The other team's key, through the REST API with that team's app key.
  const created = await apiA("POST", "/v1/api-keys", { body: { project_id: a.project_id, name: "not yours" } });
  expect(created.status()).toBe(201);
  const theirs = { app: a.app_id, project: a.project_id, key: ((await created.json()) as { id: string }).id };

  await signInAs(page, "admin");
  await page.goto("/demo");
  const appPath = await createApp(page, unique("Not-found app"));
  const projectPath = await createProject(page, unique("Not-found project"));
  await createKey(page, "not-found key");
  const keyPath = `${appPath}/keys/${await keyIdOfRow(page, "not-found key")}`;

  const status = async (path: string) => (await page.goto(path))?.status();
  // The real pages answer 200.
  for (const path of [
    "/demo",
    appPath,
    projectPath,
    `${projectPath}/webhooks`,
    keyPath,
    "/demo/audit",
    "/demo/members",
    "/demo/settings",
  ]) {
    expect(await status(path), path).toBe(200);
  }
  const unknown = [
    "/no-such-team",
    "/no-such-team/audit",
    `${appPath.replace(/app_\w+/, "app_doesNotExist000000000")}`,
    `${appPath}/projects/prj_doesNotExist000000000`,
    `${appPath}/projects/prj_doesNotExist000000000/webhooks`,
    `${appPath}/keys/key_doesNotExist000000000`,
  ];
  const otherTeams = [
    `/demo/apps/${theirs.app}`,
    `/demo/apps/${theirs.app}/projects/${theirs.project}`,
    `/demo/apps/${theirs.app}/keys/${theirs.key}`,
    // Our own app with their project or key in the URL.
    `${appPath}/projects/${theirs.project}`,
    `${appPath}/projects/${theirs.project}/webhooks`,
    `${appPath}/keys/${theirs.key}`,
  ];
  for (const path of [...unknown, ...otherTeams]) {
    expect(await status(path), path).toBe(404);
    await expect(page.getByText("not yours")).toHaveCount(0);
  }
  // The same 404 for a project or key id of another app of our own team.
  const otherApp = await (async () => {
    await page.goto("/demo");
    return createApp(page, unique("Second app"));
  })();
  expect(await status(projectPath.replace(appPath, otherApp)), "project under another app").toBe(404);
  expect(await status(keyPath.replace(appPath, otherApp)), "key under another app").toBe(404);
});
