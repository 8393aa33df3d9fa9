import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The project's directory (where package.json, .next and prisma/ are): the nearest one above
// this module, which runs from cli/ under tsx and from the server bundle's directory under
// `latchkey start` (cli/bundle.mjs).

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const root = findRoot(path.dirname(fileURLToPath(import.meta.url)));
