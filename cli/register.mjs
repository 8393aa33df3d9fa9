// Loaded with --import before cli/main.ts. "server-only" throws unless it is imported from a
// React server bundle; outside Next (the CLI, the custom server's own modules) it means
// nothing, so it resolves to an empty module here.
import { register } from "node:module";

const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
