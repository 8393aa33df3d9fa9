import { z } from "zod";

// zod compiles object parsers with `new Function` unless told not to, and probes whether it
// may when a schema is built. In the browser that probe is an eval the console's CSP forbids
// (no 'unsafe-eval'), and it shows as a violation. Schemas that reach the browser import `z`
// from here, so the switch is set before the first of them is built. The server keeps the JIT.
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
