import "server-only";
import { leakReportSchema, reportLeaks } from "../../domain/keys/leaks";
import { allowAttempt } from "../../platform/rate-limit";
import { parseJsonBody } from "./body";
import { ApiError, errorResponse, NO_STORE } from "./errors";
import { requestMeta } from "./verifier";
import { describeError, log } from "../../core/log";
import { REQUEST_ID_HEADER, requestIdFrom } from "../net/request-id";

// POST /v1/leaks, the one public /v1 path: no key is needed to report a leaked one. Each client
// address may send LIMIT valid reports a minute (per instance), and each key is acted on at most
// once an hour (lib/domain/keys/leaks.ts), so that it cannot be used to flood webhook endpoints or
// the audit log. It answers 202 whatever the report held, before the report is acted on (one after
// another, in the background), so that neither the answer nor its timing tells whether a key exists.

const LIMIT = 20;
const WINDOW_MS = 60_000;
/** Reports waiting to be acted on, at most; past that the server is too busy to take more (503). */
const MAX_WAITING = 100;

let queue: Promise<void> = Promise.resolve();
let waiting = 0;

function actLater(work: () => Promise<unknown>): void {
  waiting++;
  queue = queue
    .then(async () => void (await work()))
    .catch((error: unknown) => log.error({ error: describeError(error) }, "leak report failed"))
    .finally(() => void waiting--);
}

export async function handleLeakReport(request: Request): Promise<Response> {
  const meta = requestMeta(request.headers);
  try {
    // Only a report that parses counts: it is what writes audit rows and queues webhooks.
    const input = await parseJsonBody(request, leakReportSchema);
    if (!allowAttempt(`leaks:${meta.ipAddress ?? "unknown"}`, LIMIT, WINDOW_MS)) {
      throw new ApiError("rate_limited", `At most ${LIMIT} leak reports a minute from one address. Try again shortly.`, undefined, {
        "Retry-After": String(WINDOW_MS / 1000),
      });
    }
    if (waiting >= MAX_WAITING)
      throw new ApiError("service_unavailable", "Too many leak reports are waiting. Try again shortly.", undefined, { "Retry-After": "5" });
    actLater(() => reportLeaks(input, meta));
    return Response.json({ received: input.keys.length }, { status: 202, headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, requestIdFrom(request.headers.get(REQUEST_ID_HEADER)));
  }
}
