import "server-only";
import { firstRow } from "../../platform/db";
import { env } from "../../core/env";
import { writeUsage } from "../../domain/keys/usage";
import { processSingleton } from "../../core/registry";
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
      usageSink: writeUsage,
      cache: { budgetMb: env().LATCHKEY_VERIFY_CACHE_MB, staleMs: env().LATCHKEY_STALE_IF_ERROR_SECONDS * 1000 },
    }),
  );
}

/** Writes this thread's buffered usage now (shutdown, tests). */
export function flushUsage(): Promise<void> {
  return processVerifier().usage.flush();
}
