import { startPostgres } from "../../scripts/lib/postgres.mjs";
import { bootstrapTenant, expect, test } from "../fixtures";
import { freePort, type RunningServer, startServer } from "./spawn-server";

// Two production servers on a PostgreSQL server of this test's own, which it stops for 15 s
// under verification load and starts again (README: "Verification through a database outage").

type Answer = {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; request_id?: string } };
  retryAfter: string | null;
  at: number;
};

async function call(server: RunningServer, bearer: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, retryAfter: response.headers.get("retry-after"), at: Date.now() };
}

test.describe("verification through a database outage", () => {
  test.setTimeout(240_000);
  let postgres: ReturnType<typeof startPostgres>;
  let url: string;
  let a: RunningServer;
  let b: RunningServer;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    postgres = startPostgres({ port: await freePort() });
    postgres.createDatabase("outage");
    url = postgres.url("outage");
    bootstrapTenant(url, "Warm-up"); // applies the migrations
    [a, b] = await Promise.all([startServer(url), startServer(url)]);
  });
  test.afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    postgres?.stop();
  });

  test("cached keys keep verifying, others get 503, malformed keys get MALFORMED; after it, a revocation holds everywhere within a second", async () => {
    const tenant = bootstrapTenant(url, "Outage");
    const admin = tenant.api_key;
    const create = async (name: string) =>
      (await call(a, admin, "POST", "/v1/api-keys", { project_id: tenant.project_id, name })).body as { id: string; key: string };
    const cached = await create("cached");
    const revokedBefore = await create("revoked before");
    const uncached = await create("never verified");
    const revokedAfter = await create("revoked after");
    expect((await call(a, admin, "DELETE", `/v1/api-keys/${revokedBefore.id}`)).status).toBe(204);
    for (const server of [a, b]) {
      for (const key of [cached, revokedBefore, revokedAfter])
        expect((await call(server, admin, "POST", "/v1/api-keys/verify", { key: key.key })).status).toBe(200);
    }
    const malformed = `${cached.key.slice(0, -1)}${cached.key.endsWith("A") ? "B" : "A"}`;
    const probe = async (server: RunningServer, path: string) => {
      const response = await fetch(`${server.url}${path}`);
      return { status: response.status, body: (await response.json()) as { status: string; failing?: string[] } };
    };
    for (const server of [a, b]) expect(await probe(server, "/readyz")).toMatchObject({ status: 200, body: { status: "ready" } });

    postgres.halt();
    const haltedAt = Date.now();
    const violations: string[] = [];
    const counts = { valid: 0, revoked: 0, unavailable: 0, malformed: 0, management: 0 };
    const expectAnswer = (what: string, answer: Answer, ok: boolean) => {
      if (!ok) violations.push(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    };
    const load = async (server: RunningServer) => {
      while (Date.now() - haltedAt < 15_000) {
        const [valid, revoked, unknown, bad] = await Promise.all(
          [cached, revokedBefore, uncached, { key: malformed }].map((k) =>
            call(server, admin, "POST", "/v1/api-keys/verify", { key: k.key }),
          ),
        );
        expectAnswer("cached valid key", valid!, valid!.status === 200 && valid!.body.code === "VALID");
        expectAnswer("cached revoked key", revoked!, revoked!.status === 200 && revoked!.body.code === "REVOKED");
        expectAnswer(
          "uncached key",
          unknown!,
          unknown!.status === 503 &&
            unknown!.body.error?.code === "service_unavailable" &&
            unknown!.retryAfter !== null &&
            /^req_/.test(unknown!.body.error?.request_id ?? ""),
        );
        expectAnswer("malformed key", bad!, bad!.status === 200 && bad!.body.code === "MALFORMED");
        counts.valid++;
        counts.revoked++;
        counts.unavailable++;
        counts.malformed++;
        if (counts.management++ % 10 === 0) {
          const list = await call(server, admin, "GET", `/v1/api-keys?project_id=${tenant.project_id}`);
          expectAnswer(
            "a management call",
            list,
            list.status === 503 && list.body.error?.code === "service_unavailable" && list.retryAfter !== null,
          );
        }
      }
    };
    // Meanwhile a load balancer takes both out of rotation (readyz turns 503 within 2 s), while the processes still serve (healthz).
    const probes = async () => {
      await Promise.all(
        [a, b].map(async (server) => {
          for (let ready = await probe(server, "/readyz"); ready.status !== 503; ready = await probe(server, "/readyz")) {
            expect(Date.now() - haltedAt, "readyz still 200").toBeLessThan(2_000);
          }
          expect(Date.now() - haltedAt).toBeLessThan(2_000);
        }),
      );
      for (const server of [a, b]) {
        expect(await probe(server, "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
        const ready = await probe(server, "/readyz");
        expect(ready.status).toBe(503);
        expect(ready.body.failing).toContain("database");
        expect(JSON.stringify(ready.body)).not.toContain(url);
      }
    };
    await Promise.all([load(a), load(b), load(a), load(b), probes()]);
    expect(violations.slice(0, 5)).toEqual([]);
    expect(counts.valid).toBeGreaterThan(100);

    postgres.resume();
    // The first revocation that the database takes after it came back, through A.
    let revoked: Answer;
    for (;;) {
      revoked = await call(a, admin, "DELETE", `/v1/api-keys/${revokedAfter.id}`);
      if (revoked.status === 204) break;
      expect(revoked.status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // From then on, neither instance may answer valid: true for it more than a second later.
    const late: string[] = [];
    const finalCodes = new Set<unknown>();
    const watch = async (server: RunningServer, name: string) => {
      while (Date.now() - revoked.at < 3_000) {
        const answer = await call(server, admin, "POST", "/v1/api-keys/verify", { key: revokedAfter.key });
        if (answer.body.valid === true && answer.at - revoked.at > 1_000) late.push(`${name} ${answer.at - revoked.at} ms after`);
        if (answer.at - revoked.at > 1_000) finalCodes.add(answer.status === 200 ? answer.body.code : answer.status);
      }
    };
    await Promise.all([watch(a, "A"), watch(b, "B"), watch(b, "B")]);
    expect(late).toEqual([]);
    expect([...finalCodes]).toEqual(["REVOKED"]);
    // And the rest works again.
    expect((await call(b, admin, "POST", "/v1/api-keys/verify", { key: uncached.key })).body.code).toBe("VALID");
    for (const server of [a, b]) await expect.poll(async () => (await probe(server, "/readyz")).status, { timeout: 10_000 }).toBe(200);

    // An outage fails thousands of requests, but each instance says so in a few JSON lines, without stack traces.
    for (const server of [a, b]) {
      const lines = server.log().split("\n");
      const unreachable = lines.filter((line) => line.includes('"msg":"database unreachable"'));
      expect(unreachable.length).toBeGreaterThan(0);
      expect(unreachable.length).toBeLessThanOrEqual(12);
      expect(lines.filter((line) => /^\s+at /.test(line))).toEqual([]);
      for (const line of unreachable)
        expect(JSON.parse(line)).toMatchObject({ level: "error", request_id: expect.stringMatching(/^req_/) });
    }
  });
});
