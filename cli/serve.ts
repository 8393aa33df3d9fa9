import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { isFastVerifyRequest, serveVerify } from "../lib/api/fast-verify";
import { startInvalidationListener, stopInvalidationListener } from "../lib/cache/invalidation";
import { disconnectDb } from "../lib/db";
import { flushUsage } from "../lib/keys/usage";

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

  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer((request, response) => {
    inFlight++;
    response.once("close", () => {
      if (--inFlight === 0) drained?.();
    });
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
    process.stderr.write(`${signal}: finishing ${inFlight} request(s) and flushing usage\n`);
    server.close();
    server.closeIdleConnections();
    // Requests in flight finish (up to 10 s), then every connection closes.
    await Promise.race([inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve)), sleep(10_000)]);
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
