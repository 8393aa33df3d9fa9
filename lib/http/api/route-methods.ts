import { ApiError, errorResponse } from "./errors";

// A route file exports a handler per method it serves; Next answers any other method with an
// empty 405. Each /v1 route file passes its handlers here and exports what comes back for the
// methods it lacks, so that those answer in the error shape with an `Allow` header:
//
//   export const { PUT, DELETE } = otherMethods({ GET, POST, PATCH });

export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

type Handler = (request: Request, context: never) => Promise<Response> | Response;
type NotAllowed = (request: Request) => Response;

/** The Allow header of a route with these handlers: Next adds HEAD to a GET, and OPTIONS to every route. */
export function allowHeader(methods: readonly string[]): string {
  const allowed = new Set([...methods, "OPTIONS", ...(methods.includes("GET") ? ["HEAD"] : [])]);
  return [...allowed].sort().join(", ");
}

/** A 405 handler for every method the route does not serve. */
export function otherMethods<H extends Partial<Record<RouteMethod, Handler>>>(
  handlers: H,
): Record<Exclude<RouteMethod, keyof H>, NotAllowed> {
  const allow = allowHeader(Object.keys(handlers));
  const notAllowed: NotAllowed = (request) =>
    errorResponse(
      new ApiError("method_not_allowed", `${request.method} is not allowed on this path. Allowed: ${allow}.`, undefined, { Allow: allow }),
    );
  const missing = ROUTE_METHODS.filter((method) => !(method in handlers));
  return Object.fromEntries(missing.map((method) => [method, notAllowed])) as Record<Exclude<RouteMethod, keyof H>, NotAllowed>;
}
