import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { LoggedChange } from "../../platform/cache/change-log";
import { openStream } from "../../../e2e/sse";
import { type ChangePage, type ChangeStreamDeps, serveChanges } from "./change-stream";
import { ApiError } from "./errors";
import type { Verifier } from "./verifier";

// The change stream's rules on a fake log: where a client resumes, when it is told to reset, and
// that heartbeats stop while the change feed is down or the log cannot be read.

const scope = {
  appId: "app_1",
  teamId: "team_1",
  actor: { type: "app_key" as const, id: "apk_1" },
  request: { ipAddress: null, userAgent: null },
};
const verifier = {
  authorize: (headers: { get(name: string): string | null }) => {
    if (headers.get("authorization") !== "Bearer good") throw new ApiError("unauthorized", "The API key is invalid.");
    return scope;
  },
} as unknown as Verifier;

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? (server.close(() => resolve()), server.closeAllConnections()) : resolve())));

function change(seq: number, change = "revoked", kind: LoggedChange["kind"] = "key"): LoggedChange {
  return { seq, kind, keyId: `key_${seq}`, appId: "app_1", change, createdAt: new Date() };
}

async function serve(deps: Partial<ChangeStreamDeps> & { log: LoggedChange[]; oldest?: number | null }) {
  const listeners = new Set<() => void>();
  const full: ChangeStreamDeps = {
    verifier,
    changes: async (_app, after, limit): Promise<ChangePage> => ({
      changes: deps.log.filter((c) => c.seq > after).slice(0, limit),
      oldest: deps.oldest === undefined ? (deps.log[0]?.seq ?? null) : deps.oldest,
      newest: deps.log.at(-1)?.seq ?? null,
    }),
    onChanged: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    feedLive: () => true,
    ...deps,
  };
  server = createServer((request, response) => void serveChanges(full, request, response));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/api-keys/changes`;
  return { url, notify: () => listeners.forEach((l) => l()) };
}

describe("the change stream", () => {
  it("starts from now without Last-Event-ID, and streams what is logged after", async () => {
    const log = [change(1), change(2)];
    const { url, notify } = await serve({ log });
    const stream = await openStream(url, "good");
    await stream.next((e) => e.event === "heartbeat");
    expect(stream.events.filter((e) => e.event === "message")).toEqual([]);
    log.push(change(3, "updated"));
    notify();
    const event = await stream.next((e) => e.event === "message", 500);
    expect(event).toMatchObject({ id: "3", data: { key_id: "key_3", change: "updated" } });
    stream.close();
  });

  it("replays from Last-Event-ID, and resets when the log no longer reaches back that far", async () => {
    const { url } = await serve({ log: [change(10), change(11), change(12)] });
    const resumed = await openStream(url, "good", { "last-event-id": "10" });
    await resumed.next((e) => e.id === "12");
    expect(resumed.events.filter((e) => e.event === "message").map((e) => e.id)).toEqual(["11", "12"]);
    expect(resumed.events.some((e) => e.event === "reset")).toBe(false);
    resumed.close();

    const stale = await openStream(url, "good", { "last-event-id": "3" });
    const reset = await stale.next((e) => e.event === "reset");
    expect(reset).toMatchObject({ id: "12", data: { seq: 12 } });
    stale.close();
  });

  it("turns a change to every key into a reset", async () => {
    const { url } = await serve({ log: [change(1), change(2, "team_deleted", "all")] });
    const stream = await openStream(url, "good", { "last-event-id": "1" });
    expect(await stream.next((e) => e.event === "reset")).toMatchObject({ id: "2", data: { change: "team_deleted" } });
    stream.close();
  });

  it("beats only while the feed is live", async () => {
    let live = true;
    const { url } = await serve({ log: [], feedLive: () => live });
    const stream = await openStream(url, "good");
    await stream.next((e) => e.event === "heartbeat");
    live = false;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const count = stream.events.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(stream.events.length).toBe(count);
    live = true;
    await stream.next((e) => e.event === "heartbeat", 500, count);
    stream.close();
  });

  it("refuses a bad Last-Event-ID with 400, and a missing key in the error shape", async () => {
    const { url } = await serve({ log: [] });
    const bad = await fetch(url, { headers: { authorization: "Bearer good", "last-event-id": "-1" } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("invalid_request");
    expect((await fetch(url)).status).toBeGreaterThanOrEqual(400);
  });
});

describe("the change stream's path", () => {
  it("answers its other methods with 405 and Allow, in the error shape", async () => {
    const { url } = await serve({ log: [] });
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const response = await fetch(url, { method, headers: { authorization: "Bearer good" } });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      expect((await response.json()).error.code).toBe("method_not_allowed");
    }
  });
});
