import "server-only";
import { limitStore } from "../../platform/limits/store";
import { firstRow } from "../../platform/db";
import { writeUsage } from "../../domain/keys/usage";
import { processSingleton } from "../../core/registry";
import { processKeyCache } from "../../platform/cache/process-key-cache";
import { createVerifier, type Verifier } from "./verifier";

/**
 * The verifier of this thread, made on first use on this thread's own database client, with
 * usage written to the database: the main thread's (Next's route handlers, the services that
 * evict changed keys, `latchkey start`'s shutdown). The front thread makes its own instead
 * (cli/front.ts), with its bridges to the main thread, and never loads this module.
 */
export function processVerifier(): Verifier {
  return processSingleton("verifier", () =>
    createVerifier({
      lookup: firstRow,
      limits: (check) => limitStore().check(check),
      usageSink: writeUsage,
      keyCache: processKeyCache(),
    }),
  );
}

/** Writes this thread's buffered usage now (shutdown, tests). */
export function flushUsage(): Promise<void> {
  return processVerifier().usage.flush();
}
