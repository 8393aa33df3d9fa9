import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import next from "next";
import { startInvalidationListener, stopInvalidationListener } from "../lib/platform/cache/invalidation";
import { disconnectDb } from "../lib/platform/db";
import { startLocalIdp } from "../lib/http/auth/local-idp";
import { hasExternalIdp } from "../lib/http/auth/providers";
import { startFront } from "../lib/http/front/host";
import { flushUsage } from "../lib/http/api/process-verifier";
import { startInProcessScheduler } from "../lib/domain/scheduler/in-process";
import { startLimits } from "../lib/domain/keys/credits";
import { root } from "./root";
import { consoleUrl, env } from "../lib/core/env";

/**
 * The production server, in two threads (lib/http/front/protocol.ts): the front thread owns the
 * public port and answers POST /v1/api-keys/verify itself; Next serves everything else on this
 * thread, behind a private Unix socket. On SIGTERM or SIGINT it stops accepting connections,
 * finishes what is in flight and writes the buffered usage before it exits.
 */
export async function serve({ port, hostname }: { port: number; hostname?: string }): Promise<void> {
  await startIdentityProvider(port);
  const app = next({ dev: false, dir: root, port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  startInvalidationListener();

  // Only this process's user may connect to Next's socket, so the client address the front
  // thread puts in CLIENT_IP_HEADER can be believed. The directory goes with the process
  // however it exits (but SIGKILL).
  const socketDir = mkdtempSync(path.join(tmpdir(), "latchkey-"));
  process.on("exit", () => rmSync(socketDir, { recursive: true, force: true }));
  const upstream = path.join(socketDir, "next.sock");
  const nextServer = createServer((request, response) => void handle(request, response));
  nextServer.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => nextServer.listen(upstream, resolve));

  const migrationsDir = path.join(root, "prisma", env().DATABASE_PROVIDER, "migrations");
  const front = await startFront(new URL("./front.mjs", import.meta.url), { port, hostname, upstream, migrationsDir });
  process.stderr.write(`Latchkey listening on http://${hostname ?? "localhost"}:${port}\n`);
  // Rotations, notices and webhook deliveries. Several instances may all run it: they share
  // the work through the database. LATCHKEY_SCHEDULER=off leaves it to `latchkey worker`.
  const scheduler = startInProcessScheduler();
  const limits = startLimits();

  /** Writes the buffered usage and closes the database connections, within 5 s each. */
  const release = async () => {
    await Promise.race([flushUsage().catch((error: unknown) => process.stderr.write(`flush failed: ${String(error)}\n`)), sleep(5_000)]);
    await Promise.race([
      limits.stop().catch((error: unknown) => process.stderr.write(`credits write-back failed: ${String(error)}\n`)),
      sleep(5_000),
    ]);
    await Promise.race([Promise.all([stopInvalidationListener(), disconnectDb()]), sleep(5_000)]);
  };
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: finishing requests in flight and flushing usage\n`);
    // Requests in flight (the front thread's own and those it passed to Next) and a scheduler
    // pass in progress finish, up to 10 s; then every connection closes.
    await Promise.all([front.stop(10_000), Promise.race([scheduler?.stop(), sleep(10_000)])]);
    nextServer.closeAllConnections();
    nextServer.close();
    await release();
    process.exit(0);
  };
  // `on`, not `once`: Ctrl-C reaches the server from the terminal and again through bin/latchkey.mjs.
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  // Without its front thread the server cannot serve: keep what it counted, and exit for the
  // process manager to start it again.
  void front.died.then(async (error) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${error.message}: stopping\n`);
    await release();
    process.exit(1);
  });
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
  // next-auth reads its URL from process.env itself: this is its input, not a setting of ours.
  const url = consoleUrl() ?? `http://localhost:${port}`;
  process.env.NEXTAUTH_URL = url;
  if (hasExternalIdp() || env().LATCHKEY_LOCAL_IDP === "off") return;
  const { issuer } = await startLocalIdp({ port: env().LATCHKEY_LOCAL_IDP_PORT ?? port + 1000, consoleUrl: url });
  process.stderr.write(`No identity provider configured: the local demo provider runs at ${issuer}\n`);
}
