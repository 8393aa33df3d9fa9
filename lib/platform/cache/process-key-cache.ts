import { env } from "../../core/env";
import { processSingleton } from "../../core/registry";
import { KeyCache } from "./key-cache";

/**
 * The main thread's verification cache: the one the process's verifier answers from
 * (lib/http/api/process-verifier.ts) and the one the change feed and the services evict from
 * (./invalidation.ts). It lives here, below both, so that neither reaches up for the other.
 * The front thread makes its own cache, fed by the main thread's evictions (lib/http/front/thread.ts).
 */
export function processKeyCache(): KeyCache {
  return processSingleton(
    "key-cache",
    () => new KeyCache({ budgetMb: env().LATCHKEY_VERIFY_CACHE_MB, staleMs: env().LATCHKEY_STALE_IF_ERROR_SECONDS * 1000 }),
  );
}
