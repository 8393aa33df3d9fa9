// `latchkey start` runs the server from a bundle rather than under tsx, which carried a
// module-hook thread per thread (each an isolate of its own) and its compiled modules: about
// 70 MB more RSS, measured. The bundle is built in memory on every start (about a tenth of a
// second), so it is never stale, and stored under dist/ by the hash of its content: a tree that
// `npm run build` bundled already needs no write, and two servers starting at once in one tree
// share one directory, moved into place whole.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const UNUSED_FOR_MS = 24 * 3_600_000; // bundles no start has used for a day are removed

/** Resolves "server-only" to an empty module: it throws outside a React server bundle, and means nothing here. */
const serverOnly = {
  name: "server-only",
  setup(plugins) {
    plugins.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    plugins.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

/**
 * How the server runs: with source maps for readable stack traces, and small semi-spaces. Two
 * isolates under load (the front thread and Next's) each grew V8's default young generation:
 * 375 MB RSS against 300 MB with 2 MB semi-spaces, measured on PostgreSQL under the verify
 * benchmark, with no change in CPU per verification beyond the machine's noise.
 */
const NODE_FLAGS = ["--enable-source-maps", "--max-semi-space-size=2"];

/** Bundles cli/main.ts (and cli/front.ts, the front thread) and returns the entry and the node arguments that run it. */
export async function bundleServer(root) {
  const dist = path.join(root, "dist");
  const { outputFiles } = await build({
    absWorkingDir: root,
    entryPoints: { main: "cli/main.ts", front: "cli/front.ts" },
    outdir: path.join(dist, "server"), // in memory only: written below under its hash, at the same depth
    outExtension: { ".js": ".mjs" },
    write: false,
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
  const files = outputFiles
    .map((file) => ({ name: path.relative(path.join(dist, "server"), file.path), contents: file.contents }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const digest = createHash("sha256");
  for (const file of files) digest.update(file.name).update(file.contents);
  const dir = path.join(dist, `server-${digest.digest("hex").slice(0, 16)}`);

  if (!existsSync(path.join(dir, "main.mjs"))) {
    try {
      const staging = path.join(dist, `.staging-${randomBytes(6).toString("hex")}`);
      for (const file of files) {
        mkdirSync(path.dirname(path.join(staging, file.name)), { recursive: true });
        writeFileSync(path.join(staging, file.name), file.contents);
      }
      try {
        renameSync(staging, dir);
      } catch (error) {
        rmSync(staging, { recursive: true, force: true });
        if (!existsSync(path.join(dir, "main.mjs"))) throw error; // else another start moved the same bundle in first
      }
    } catch (error) {
      throw new Error(
        `Cannot write the server bundle under ${dist} (${error.code ?? error.message}). Run \`npm run build\` where the project directory is writable.`,
      );
    }
  }
  pruneOthers(dist, dir);
  const entry = path.join(dir, "main.mjs");
  return { entry, nodeArgs: [...NODE_FLAGS, entry] };
}

/** Marks this bundle used, and removes the others no start has used for a day (best effort: a read-only tree keeps them). */
function pruneOthers(dist, current) {
  try {
    const now = new Date();
    utimesSync(current, now, now);
    for (const name of readdirSync(dist)) {
      const dir = path.join(dist, name);
      if (dir !== current && /^(server-|\.staging-)/.test(name) && now.getTime() - statSync(dir).mtimeMs > UNUSED_FOR_MS)
        rmSync(dir, { recursive: true, force: true });
    }
  } catch {
    // nothing to do: stale bundles only take disk space
  }
}

// `node cli/bundle.mjs` (part of `npm run build`) bundles ahead of time, for a read-only deployment.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { entry } = await bundleServer(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
  process.stdout.write(`server bundle: ${path.relative(process.cwd(), path.dirname(entry))}\n`);
}
