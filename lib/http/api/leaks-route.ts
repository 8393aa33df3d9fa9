import "server-only";
import { leakReportSchema, reportLeaks } from "../../domain/keys/leaks";
import { allowAttempt } from "../../platform/rate-limit";
import { parseJsonBody } from "./body";
import { ApiError, errorResponse, NO_STORE } from "./errors";
import { requestMeta } from "./verifier";
import { REQUEST_ID_HEADER, requestIdFrom } from "../net/request-id";

// POST /v1/leaks, the one public /v1 path: no key is needed to report a leaked one. Each client
// address may send LIMIT valid reports a minute (per instance), so that it cannot be used to flood
// webhook endpoints or the audit log. It answers 202 whatever the report held.

const LIMIT = 20;
const WINDOW_MS = 60_000;

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
    return Response.json(await reportLeaks(input, meta), { status: 202, headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, requestIdFrom(request.headers.get(REQUEST_ID_HEADER)));
  }
}
