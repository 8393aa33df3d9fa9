import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { VerifyResult } from "../src/index";

// A stand-in for Latchkey whose verify answers and change stream a test drives.

export const valid = (keyId: string, extra: Partial<VerifyResult> = {}): VerifyResult => ({
  valid: true,
  code: "VALID",
  key_id: keyId,
  project_id: "prj_1",
  environment_id: "env_1",
  scopes: ["read"],
  expires_at: null,
  grace_expires_at: null,
  owner_id: null,
  meta: null,
  rate_limits: [],
  credits_remaining: null,
  ...extra,
});

export type Fake = {
  url: string;
  verifies: number;
  reports: unknown[];
  answer: VerifyResult | "down";
  /** Headers the verify answer carries beyond its content type. */
  answerHeaders: Record<string, string>;
  /** The body of the last verify request. */
  lastVerify: unknown;
  streams: ServerResponse[];
  beat: boolean;
  send(text: string): void;
};
let server: Server | undefined;
let timers: NodeJS.Timeout[] = [];
export async function stopFake(): Promise<void> {
  timers.forEach(clearInterval);
  timers = [];
  await new Promise<void>((resolve) => (server ? (server.close(() => resolve()), server.closeAllConnections()) : resolve()));
  server = undefined;
}

export async function fake(): Promise<Fake> {
  const state: Fake = {
    url: "",
    verifies: 0,
    reports: [],
    answer: valid("key_1"),
    answerHeaders: {},
    lastVerify: undefined,
    streams: [],
    beat: true,
    send: (text) => state.streams.forEach((s) => s.write(text)),
  };
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.url?.startsWith("/v1/api-keys/changes")) {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.flushHeaders();
      state.streams.push(response);
      return;
    }
    if (request.url === "/v1/api-keys/usage") {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => (state.reports.push(JSON.parse(body)), response.writeHead(200).end("{}")));
      return;
    }
    state.verifies++;
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      state.lastVerify = body ? JSON.parse(body) : undefined;
      if (state.answer === "down") return void response.writeHead(503).end("{}");
      response.writeHead(200, { "content-type": "application/json", ...state.answerHeaders }).end(JSON.stringify(state.answer));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  timers.push(setInterval(() => state.beat && state.send("event: heartbeat\ndata: {}\n\n"), 100));
  return state;
}
