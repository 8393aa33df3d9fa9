import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { isFastVerifyRequest, serveVerify } from "../lib/api/fast-verify";
import { startInvalidationListener, stopInvalidationListener } from "../lib/cache/invalidation";
import { disconnectDb } from "../lib/db";
import { startLocalIdp } from "../lib/auth/local-idp";
import { hasExternalIdp } from "../lib/auth/providers";
import { flushUsage } from "../lib/keys/usage";
import { env } from "../lib/env";
import { CLIENT_IP_HEADER, resolveClientIp } from "../lib/net/client-ip";
import { startInProcessScheduler } from "../lib/scheduler/in-process";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The production server: node:http answers POST /v1/api-keys/verify itself and hands every
 * other request to Next. On SIGTERM or SIGINT it stops accepting connections, finishes what
 * is in flight and writes the buffered last_used_at timestamps before it exits.
 */
export async function serve({ port, hostname }: { port: number; hostname?: string }): Promise<void> {
  await startIdentityProvider(port);
  const app = next({ dev: false, dir: root, port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  startInvalidationListener();
  const trustedProxies = env().LATCHKEY_TRUSTED_PROXIES;

  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer((request, response) => {
    inFlight++;
    response.once("close", () => {
      if (--inFlight === 0) drained?.();
    });
    // The one place that sees the socket decides the client's address for every handler; a
    // header of that name sent by the client is overwritten, never believed.
    request.headers[CLIENT_IP_HEADER] = resolveClientIp(request.socket.remoteAddress, request.headers["x-forwarded-for"], trustedProxies) ?? "unknown";
    if (isFastVerifyRequest(request)) serveVerify(request, response);
    else void handle(request, response);
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  process.stderr.write(`Latchkey listening on http://${hostname ?? "localhost"}:${port}\n`);
  // Rotations, notices and webhook deliveries. Several instances may all run it: they share
  // the work through the database. LATCHKEY_SCHEDULER=off leaves it to `latchkey worker`.
  const scheduler = startInProcessScheduler();

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: finishing ${inFlight} request(s) and flushing usage\n`);
    server.close();
    server.closeIdleConnections();
    // Requests in flight and a scheduler pass in progress finish (up to 10 s), then every connection closes.
    const requestsDone = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));
    await Promise.race([Promise.all([requestsDone, scheduler?.stop()]), sleep(10_000)]);
    server.closeAllConnections();
    await flushUsage().catch((error: unknown) => process.stderr.write(`flush failed: ${String(error)}\n`));
    await Promise.race([Promise.all([stopInvalidationListener(), disconnectDb()]), sleep(5_000)]);
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Sign-in needs an identity provider. Without an external one configured, a local OpenID
 * provider with demo users starts on loopback (port + 1000 unless LATCHKEY_LOCAL_IDP_PORT),
 * so that a fresh clone has a working console. Never with NODE_ENV=production and an external IdP.
 */
async function startIdentityProvider(port: number): Promise<void> {
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  if (hasExternalIdp() || process.env.LATCHKEY_LOCAL_IDP === "off") return;
  const idpPort = Number(process.env.LATCHKEY_LOCAL_IDP_PORT ?? port + 1000);
  const { issuer } = await startLocalIdp({ port: idpPort, consoleUrl: process.env.NEXTAUTH_URL });
  process.env.LATCHKEY_LOCAL_IDP_URL = issuer;
  process.stderr.write(`No identity provider configured: the local demo provider runs at ${issuer}\n`);
}
