// `latchkey start` runs the server from a bundle, built here in about a tenth of a second on
// every start, so that it can never be stale. Run under tsx instead, the server carried tsx's
// module-hook threads (one per thread, each an isolate of its own) and its compiled modules:
// about 70 MB more RSS, measured. The CLI's other commands are short-lived and stay on tsx.
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

/** Resolves "server-only" to an empty module: it throws outside a React server bundle, and means nothing here. */
const serverOnly = {
  name: "server-only",
  setup(plugins) {
    plugins.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    plugins.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/**
 * Bundles the server (cli/main.ts, and cli/front.ts for the front thread) into a directory of
 * its own under dist/, for this process, and returns the entry's path and the function that
 * removes the directory. Bundles left by processes that are gone are removed first.
 */
export async function bundleServer(root) {
  const dist = path.join(root, "dist");
  mkdirSync(dist, { recursive: true });
  for (const name of readdirSync(dist)) {
    const pid = Number(/^server-(\d+)$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) rmSync(path.join(dist, name), { recursive: true, force: true });
  }
  const outdir = path.join(dist, `server-${process.pid}`);
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: "cli/main.ts", front: "cli/front.ts" },
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true, // the front thread must not load what only the main thread needs (Prisma)
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    plugins: [serverOnly],
    logLevel: "warning",
  });
  return { entry: path.join(outdir, "main.mjs"), remove: () => existsSync(outdir) && rmSync(outdir, { recursive: true, force: true }) };
}
