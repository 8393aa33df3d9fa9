/** Bundles the server for `latchkey start` and returns the entry, and the node arguments that run it (see cli/bundle.mjs). */
export function bundleServer(root: string): Promise<{ entry: string; nodeArgs: string[] }>;
