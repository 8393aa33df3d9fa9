// Compiled by the type check (tsc at the root), never run: what createClient must accept, and what it must refuse.
import { createClient } from "@latchkey/sdk";
const c = createClient({ baseUrl: "http://x", apiKey: "k" });
async function f() {
  const list = await c.GET("/v1/api-keys", { params: { query: { project_id: "prj", limit: 5 } } });
  if (list.data) {
    const first: string = list.data[0]!.id;
    void first;
  }
  const one = await c.GET("/v1/api-keys/{keyID}", { params: { path: { keyID: "key" } } });
  if (one.data) {
    const n: string = one.data.name;
    void n;
  }
  const created = await c.POST("/v1/api-keys", { body: { project_id: "p", name: "n" } });
  if (created.data) {
    const k: string = created.data.key;
    void k;
  }
  const renamed = await c.PATCH("/v1/api-keys/{keyID}", { params: { path: { keyID: "k" } }, body: { name: "x" } });
  void renamed;
  const revoked = await c.DELETE("/v1/api-keys/{keyID}", { params: { path: { keyID: "k" } } });
  void revoked;
  const appKeys = await c.GET("/v1/apps/{app_id}/api-keys", { params: { path: { app_id: "a" } } });
  if (appKeys.data) {
    const ks = appKeys.data.api_keys;
    void ks;
  }
  // @ts-expect-error: an unknown path
  await c.GET("/v1/nope");
  // @ts-expect-error: a required path parameter is missing
  await c.GET("/v1/api-keys/{keyID}", {});
  // @ts-expect-error: a body field that does not exist
  await c.POST("/v1/api-keys", { body: { project_id: "p", name: "n", colour: "red" } });
  // @ts-expect-error: the wrong type for a query parameter
  await c.GET("/v1/api-keys", { params: { query: { project_id: 5 } } });
}
void f;
