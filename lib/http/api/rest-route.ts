import "server-only";
import { type AnyOperation, OPERATION_LIST } from "../../domain/catalogue";
import { parseJsonBody, parseQuery } from "./body";
import { otherMethods, type RouteMethod } from "./route-methods";
import { withAppKey } from "./with-app-key";
import { serverMetrics } from "../../platform/metrics";

// The /v1 side of the operation catalogue (lib/domain/catalogue.ts). A route file is one line:
//
//   export const { GET, POST, PUT, PATCH, DELETE } = restRoute("/v1/api-keys");
//
// Each method served at the path runs its entry: the app key's permission, the query and body
// through their schemas, the service call, and the answer with the entry's status. Every other
// method answers 405 in the error shape.

type RouteContext = { params: Promise<Record<string, string>> };
type RouteHandler = (request: Request, context: RouteContext) => Promise<Response> | Response;

/** The entries served at a /v1 path, by method. */
export function restOperationsAt(path: string): Map<RouteMethod, AnyOperation> {
  return new Map(OPERATION_LIST.filter((entry) => entry.rest?.path === path).map((entry) => [entry.rest!.method, entry]));
}

/**
 * The next page's address, GitHub's way: `Link: </v1/…?…&cursor=…>; rel="next"`, the request's
 * own path and query with the cursor in place of any cursor or starting_after. Relative, so that
 * it never repeats a Host header the client sent.
 */
export function nextPageLink(request: Request, nextCursor: string | null): Record<string, string> | undefined {
  if (!nextCursor) return undefined;
  const url = new URL(request.url);
  url.searchParams.delete("starting_after");
  url.searchParams.set("cursor", nextCursor);
  return { Link: `<${url.pathname}${url.search}>; rel="next"` };
}

/** Counts each answer and its time, by the route's template (never the ids in the path). */
function measured(route: string, method: string, handle: RouteHandler): RouteHandler {
  return async (request, context) => {
    const started = performance.now();
    const response = await handle(request, context);
    serverMetrics.managementRequests.inc({ route, method, status: String(response.status) });
    serverMetrics.managementLatency.observe({ route, method }, (performance.now() - started) / 1000);
    return response;
  };
}

function handler(operation: AnyOperation): RouteHandler {
  const rest = operation.rest!;
  return measured(
    rest.path,
    rest.method,
    withAppKey(rest.permission, async ({ request, scope, params }) => {
      const query = rest.query ? parseQuery(request, rest.query) : undefined;
      const body = rest.body ? await parseJsonBody(request, rest.body) : undefined;
      const result = await operation.run(scope, rest.input({ appId: scope.appId, params, query, body }));
      if (rest.status === 204) return new Response(null, { status: 204 });
      const headers = rest.paged ? nextPageLink(request, (result as { next_cursor: string | null }).next_cursor) : undefined;
      return Response.json(rest.respond ? rest.respond(result) : result, { status: rest.status, headers });
    }),
  );
}

/** Every method's handler for a /v1 route file. */
export function restRoute(path: `/v1/${string}`): Record<RouteMethod, RouteHandler> {
  const served = restOperationsAt(path);
  if (served.size === 0) throw new Error(`No operation is served at ${path}.`);
  const handlers = Object.fromEntries([...served].map(([method, operation]) => [method, handler(operation)]));
  return { ...otherMethods(handlers), ...handlers } as Record<RouteMethod, RouteHandler>;
}
