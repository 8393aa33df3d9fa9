import "server-only";
import { type AnyOperation, OPERATION_LIST } from "../../domain/catalogue";
import { parseJsonBody, parseQuery } from "./body";
import { otherMethods, type RouteMethod } from "./route-methods";
import { withAppKey } from "./with-app-key";

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

function handler(operation: AnyOperation): RouteHandler {
  const rest = operation.rest!;
  return withAppKey(rest.permission, async ({ request, scope, params }) => {
    const query = rest.query ? parseQuery(request, rest.query) : undefined;
    const body = rest.body ? await parseJsonBody(request, rest.body) : undefined;
    const result = await operation.run(scope, rest.input({ appId: scope.appId, params, query, body }));
    if (rest.status === 204) return new Response(null, { status: 204 });
    return Response.json(rest.respond ? rest.respond(result) : result, { status: rest.status });
  });
}

/** Every method's handler for a /v1 route file. */
export function restRoute(path: `/v1/${string}`): Record<RouteMethod, RouteHandler> {
  const served = restOperationsAt(path);
  if (served.size === 0) throw new Error(`No operation is served at ${path}.`);
  const handlers = Object.fromEntries([...served].map(([method, operation]) => [method, handler(operation)]));
  return { ...otherMethods(handlers), ...handlers } as Record<RouteMethod, RouteHandler>;
}
