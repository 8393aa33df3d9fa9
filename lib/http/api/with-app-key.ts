import "server-only";
import type { AppKeyPermission } from "../../domain/app-keys/authenticate";
import type { AppScope } from "../../core/scope";
import type { HeaderSource } from "../net/client-ip";
import { REQUEST_ID_HEADER, requestIdFrom } from "../net/request-id";
import { notFound } from "../../core/errors";
import { errorResponse, NO_STORE } from "./errors";
import { processVerifier } from "./process-verifier";

type Params = Record<string, string>;
type RouteContext<P extends Params> = { params: Promise<P> };
export type AppKeyHandler<P extends Params> = (ctx: { request: Request; scope: AppScope; params: P }) => Promise<Response>;

export type { HeaderSource };
export { requestMeta } from "./verifier";

// Every id this API hands out is a prefix and base62 (lib/core/ids.ts). A path segment that could
// not be one (NUL, which PostgreSQL cannot compare, or a 5,000-character string) is not found
// without a query.
const PATH_ID = /^[A-Za-z0-9_-]{1,100}$/;

function assertPathIds(params: Params): void {
  for (const value of Object.values(params)) {
    if (typeof value !== "string" || !PATH_ID.test(value)) throw notFound("Resource");
  }
}

/**
 * The one authentication wrapper for /v1 route handlers: authorizes the caller (the process's
 * verifier, lib/http/api/verifier.ts), runs the handler, and turns every failure into the REST error shape.
 */
export function withAppKey<P extends Params = Params>(permission: AppKeyPermission, handler: AppKeyHandler<P>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    // Decided by the front thread under `latchkey start`; made here under `next dev`.
    const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
    try {
      const params = ((await context?.params) ?? {}) as P;
      const scope = await processVerifier().authorize(request.headers, permission, params.app_id);
      assertPathIds(params);
      const response = await handler({ request, scope, params });
      for (const [name, value] of Object.entries(NO_STORE)) response.headers.set(name, value);
      return response;
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
