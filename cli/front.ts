import { createServer, type ServerResponse } from "node:http";
import { type ChangeStreamDeps, serveChanges, servesChangeStream } from "../lib/http/api/change-stream";
import type { Socket } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { isFastVerifyRequest, serveVerify } from "../lib/http/api/fast-verify";
import { isHealthRequest, serveHealth } from "../lib/http/api/health";
import { isMetricsRequest, registerVerifyGauges, serveMetrics } from "../lib/http/api/metrics-endpoint";
import { answerClientError, refusal, refuseConnect, sendRefusal } from "../lib/http/api/request-guard";
import { env } from "../lib/core/env";
import type { FrontData } from "../lib/http/front/protocol";
import { joinMainThread } from "../lib/http/front/thread";
import { CLIENT_IP_HEADER, resolveClientIp } from "../lib/http/net/client-ip";
import { proxyTo } from "../lib/http/net/proxy";
import { REQUEST_ID_HEADER, requestIdFrom } from "../lib/http/net/request-id";

// The front thread (lib/http/front/protocol.ts): the public port. It answers POST
// /v1/api-keys/verify, the change stream and /healthz and /readyz itself, and passes every other
// request to Next on the main thread.

const data = workerData as FrontData;
const main = joinMainThread(parentPort!, data);
const proxy = proxyTo(data.upstream);
const trustedProxies = env().LATCHKEY_TRUSTED_PROXIES;

const changeStreams: ChangeStreamDeps = {
  verifier: main.verifier,
  changes: main.changes,
  onChanged: main.onChanged,
  feedLive: () => main.verifier.cache.feedState().feed === "live",
};
// Open change streams never end by themselves: a stop ends them, and they are not waited for.
const streams = new Set<ServerResponse>();

let inFlight = 0;
let drained: (() => void) | undefined;
const health = { readiness: main.readiness, feedLive: changeStreams.feedLive };
registerVerifyGauges(main.verifier.cache);

const server = createServer((request, response) => {
  if (isHealthRequest(request)) return void serveHealth(health, request, response);
  if (isMetricsRequest(request)) return void serveMetrics(main.metrics, request, response);
  if (servesChangeStream(request)) {
    streams.add(response);
    response.once("close", () => streams.delete(response));
    return void serveChanges(changeStreams, request, response);
  }
  inFlight++;
  response.once("close", () => {
    if (--inFlight === 0) drained?.();
  });
  // The one place that sees the socket decides the client's address for every handler; a
  // header of that name sent by the client is overwritten, never believed.
  const client = resolveClientIp(request.socket.remoteAddress, request.headers["x-forwarded-for"], trustedProxies) ?? "unknown";
  if (isFastVerifyRequest(request)) {
    request.headers[CLIENT_IP_HEADER] = client;
    return serveVerify(main.verifier, request, response);
  }
  // What Next would answer with a 500 (TRACE, a path that is not UTF-8, a cross-origin action) is refused here.
  const refused = refusal(request);
  if (refused) sendRefusal(request, response, refused);
  else proxy(request, response, { [CLIENT_IP_HEADER]: client, [REQUEST_ID_HEADER]: requestIdFrom(request.headers[REQUEST_ID_HEADER]) });
});
server.on("connect", (_request, socket) => refuseConnect(socket as Socket));
server.on("clientError", answerClientError);
server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
// A port that cannot be had fails the start (the error ends this thread, and startFront rejects).
const cannotListen = (error: Error) => {
  throw error;
};
server.once("error", cannotListen);
server.listen(data.port, data.hostname, () => {
  server.off("error", cannotListen);
  // Later, a connection that cannot be accepted (EMFILE under load) is that connection's problem, not the server's.
  server.on("error", (error) => process.stderr.write(`front server: ${error.message}\n`));
  main.post({ type: "listening" });
});

main.onStop(async (graceMs) => {
  server.close();
  for (const stream of streams) stream.end();
  server.closeIdleConnections();
  if (inFlight > 0) {
    await new Promise<void>((resolve) => {
      drained = resolve;
      setTimeout(resolve, graceMs).unref();
    });
  }
  server.closeAllConnections();
  // A verification cut off while it waited for a lookup still counts once the answer arrives.
  await main.lookupsSettled(1_000);
  main.handOverUsage();
  main.post({ type: "stopped" });
});
