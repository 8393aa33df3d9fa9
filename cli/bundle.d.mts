/** Bundles the server for `latchkey start` and returns the entry to run (see cli/bundle.mjs). */
export function bundleServer(root: string): Promise<{ entry: string }>;
