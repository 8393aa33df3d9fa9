import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { isFastVerifyRequest, serveVerify } from "../lib/api/fast-verify";
import { startInvalidationListener, stopInvalidationListener } from "../lib/cache/invalidation";
import { disconnectDb } from "../lib/db";
import { flushLastUsed } from "../lib/keys/last-used";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The production server: node:http answers POST /v1/api-keys/verify itself and hands every
 * other request to Next. On SIGTERM or SIGINT it stops accepting connections, finishes what
 * is in flight and writes the buffered last_used_at timestamps before it exits.
 */
export async function serve({ port, hostname }: { port: number; hostname?: string }): Promise<void> {
  const app = next({ dev: false, dir: root, port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  startInvalidationListener();

  const server = createServer((request, response) => {
    if (isFastVerifyRequest(request)) void serveVerify(request, response);
    else void handle(request, response);
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  process.stderr.write(`Latchkey listening on http://${hostname ?? "localhost"}:${port}\n`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: finishing requests and flushing usage\n`);
    server.close();
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    await new Promise<void>((resolve) => server.once("close", () => resolve()));
    await flushLastUsed().catch((error: unknown) => process.stderr.write(`flush failed: ${String(error)}\n`));
    await stopInvalidationListener();
    await disconnectDb();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}
