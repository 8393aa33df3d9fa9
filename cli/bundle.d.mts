/** Bundles the server for `latchkey start` (see cli/bundle.mjs). */
export function bundleServer(root: string): Promise<{ entry: string; remove: () => void }>;
