import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "../fixtures";
import { freePort } from "./spawn-server";

// The container's entrypoint (docker/entrypoint.sh), run outside a container: no image can be
// built on these machines (no container engine, and no registry to pull a base image from). On
// an empty database it applies the migrations, serves, reports ready, and stops on SIGTERM.

test("the image's entrypoint migrates an empty database, serves, is ready, and stops cleanly on SIGTERM", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "latchkey-entrypoint-"));
  const port = await freePort();
  const child = spawn("sh", ["docker/entrypoint.sh"], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${path.join(dir, "fresh.db")}`,
      LATCHKEY_DATA_DIR: dir,
      PORT: String(port),
      HOST: "127.0.0.1",
      LATCHKEY_LOCAL_IDP: "off",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`${url}/readyz`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(200);
  expect(log).toMatch(/applied migrations: .*key_lifecycle/);
  expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ status: "ready", checks: { migrations: "ok" } });
  expect((await fetch(`${url}/v1/openapi.json`)).status).toBe(200);
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
});
