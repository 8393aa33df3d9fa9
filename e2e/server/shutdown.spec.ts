import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bootstrapTenant, expect, test } from "../fixtures";
import { startServer } from "./spawn-server";

// last_used_at is written behind in batches; a clean stop must not lose the last ones.
test("SIGTERM flushes buffered last_used_at before the server exits", async () => {
  const databaseUrl = `file:${path.join(mkdtempSync(path.join(tmpdir(), "latchkey-shutdown-")), "db.sqlite")}`;
  const tenant = bootstrapTenant(databaseUrl, "Shutdown");
  const server = await startServer(databaseUrl);
  const headers = { authorization: `Bearer ${tenant.api_key}`, "content-type": "application/json" };
  try {
    const created = await (
      await fetch(`${server.url}/v1/api-keys`, {
        method: "POST",
        headers,
        body: JSON.stringify({ project_id: tenant.project_id, name: "k" }),
      })
    ).json();
    const verdict = await (
      await fetch(`${server.url}/v1/api-keys/verify`, { method: "POST", headers, body: JSON.stringify({ key: created.key }) })
    ).json();
    expect(verdict.valid).toBe(true);
    // Stop at once, well inside the one-second batching window.
    expect(await server.stop("SIGTERM")).toBe(0);

    const again = await startServer(databaseUrl);
    try {
      const keys = await (await fetch(`${again.url}/v1/api-keys?project_id=${tenant.project_id}`, { headers })).json();
      expect(keys[0].last_used_at).not.toBeNull();
    } finally {
      await again.stop();
    }
  } finally {
    await server.stop("SIGKILL");
  }
});
