import "server-only";
import { type AppKeyPermission, appKeyCan, authenticateAppKey } from "../auth/app-key";
import type { AppScope, RequestMeta } from "../auth/scope";
import { notFound } from "../errors";
import { type MaybePromise, whenReady } from "../maybe-async";
import { clientIp, type HeaderSource } from "../net/client-ip";
import { ApiError, errorResponse, NO_STORE } from "./errors";

type Params = Record<string, string>;
type RouteContext<P extends Params> = { params: Promise<P> };
export type AppKeyHandler<P extends Params> = (ctx: { request: Request; scope: AppScope; params: P }) => Promise<Response>;

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export type { HeaderSource };

export function requestMeta(headers: HeaderSource): RequestMeta {
  return {
    ipAddress: clientIp(headers),
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}

function unauthorized(message: string): ApiError {
  return new ApiError("unauthorized", message, undefined, { "WWW-Authenticate": 'Bearer realm="latchkey"' });
}

/**
 * Resolves the bearer app key, checks the role's permission and scopes the call to the key's
 * app. A path `app_id` other than the key's own app answers 404, as a missing app would.
 * Throws (synchronously, or by rejecting) an ApiError; a cached key answers without a promise.
 */
export function authorizeAppKey(headers: HeaderSource, permission: AppKeyPermission, pathAppId?: string): MaybePromise<AppScope> {
  const header = headers.get("authorization");
  if (!header) throw unauthorized("Send an app API key as Authorization: Bearer <key>.");
  const token = BEARER.exec(header)?.[1];
  return whenReady(token ? authenticateAppKey(token) : null, (principal) => {
    if (!principal) throw unauthorized("The API key is invalid or has been deleted.");
    if (!appKeyCan(principal.role, permission)) {
      throw new ApiError("forbidden", `This key's role (${principal.role}) does not allow this operation.`);
    }
    if (pathAppId !== undefined && pathAppId !== principal.appId) throw notFound("App");
    return {
      teamId: principal.teamId,
      appId: principal.appId,
      actor: { type: "app_key", id: principal.keyId },
      // Read when a change is audited; a verification, which changes nothing, never pays for it.
      get request() {
        return requestMeta(headers);
      },
    };
  });
}

// Every id this API hands out is a prefix and base62 (lib/ids.ts). A path segment that could
// not be one (NUL, which PostgreSQL cannot compare, or a 5,000-character string) is not found
// without a query.
const PATH_ID = /^[A-Za-z0-9_-]{1,100}$/;

function assertPathIds(params: Params): void {
  for (const value of Object.values(params)) {
    if (typeof value !== "string" || !PATH_ID.test(value)) throw notFound("Resource");
  }
}

/**
 * The one authentication wrapper for /v1 route handlers: authorizes the caller, runs the
 * handler, and turns every failure into the REST error shape.
 */
export function withAppKey<P extends Params = Params>(permission: AppKeyPermission, handler: AppKeyHandler<P>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const params = ((await context?.params) ?? {}) as P;
      const scope = await authorizeAppKey(request.headers, permission, params.app_id);
      assertPathIds(params);
      const response = await handler({ request, scope, params });
      for (const [name, value] of Object.entries(NO_STORE)) response.headers.set(name, value);
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  };
}
