import type { z } from "zod";
import type { AppScope, RequestMeta, TeamScope } from "../core/scope";
import type { AppKeyPermission } from "./app-keys/authenticate";
import type { TeamPermission } from "./teams/permissions";
import type { TeamRole } from "./teams/roles";

// One operation of Latchkey, declared once: who may call it, what it takes, and the service call
// that does it. The adapters derive everything else from these entries (lib/domain/catalogue.ts):
// the /v1 route handlers (lib/http/api/rest-route.ts), the console's server actions and reads
// (lib/http/actions/run-operation.ts), the OpenAPI document and the permission tests.

/** Whose resources an operation acts on, which decides the scope its service call gets. */
export type Tenant = "user" | "team" | "app";

/** A person acting for themself, not for a team (creating a team, accepting an invite). */
export type UserScope = { actor: { type: "user"; id: string }; email: string | null; request: RequestMeta };
/** A member of a team, with their role. */
export type MemberScope = TeamScope & { role: TeamRole; teamSlug: string };

export type ScopeOf<T extends Tenant> = T extends "app" ? AppScope : T extends "team" ? MemberScope : UserScope;

export type RestMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** What a /v1 request hands to `rest.input`: the app of the caller's key, the path's ids, the parsed query and body. */
export type RestRequest<Q, B> = { appId: string; params: Record<string, string>; query: Q; body: B };

/** How an operation is served on /v1, authenticated by an app API key. */
export type RestBinding<I extends z.ZodType, R, Q extends z.ZodType, B extends z.ZodType> = {
  method: RestMethod;
  /** The path template; `{name}` segments are path parameters. */
  path: `/v1/${string}`;
  permission: AppKeyPermission;
  status: 200 | 201 | 204;
  /** Parsed from the query string, and documented as query parameters. */
  query?: Q;
  /** Parsed from a JSON body, and documented as the request body (required unless `{}` passes). */
  body?: B;
  /** The operation's input, from the request's parts; they have passed their schemas. */
  input: (request: RestRequest<z.output<Q>, z.output<B>>) => z.output<I>;
  /** The documented response body; absent for 204. */
  response?: z.ZodType;
  /** The response body, from what `run` returned; the result as it is when absent. */
  respond?: (result: R) => unknown;
  /**
   * A list: the result carries `next_cursor` (lib/core/pagination.ts), and the answer a
   * `Link: <…>; rel="next"` header when there is a next page.
   */
  paged?: true;
  /** Statuses the operation can answer beyond those of authentication, parsing and not found (409). */
  errors?: readonly number[];
  description?: string;
  responseDescription?: string;
};

/** A limit on how often one person may call a user operation. */
export type AttemptLimit = { attempts: number; windowMs: number; message: string };

/** A console read: its route's path under app/(console), and the operation's input from the URL. */
export type ConsoleRoute = {
  path: `/[team]/${string}`;
  input: (url: { params: Record<string, string>; search: Record<string, string> }) => unknown;
  /** The result is a file to download (lib/domain/operation.ts Download), not JSON. */
  download?: true;
};

/** A file an operation answers with, for the browser to save; its body streams, chunk by chunk. */
export type Download = { filename: string; contentType: string; body: string | AsyncIterable<string> };

/** How an operation is served to the console: as a server action, or a read that a route handler answers. */
export type ConsoleBinding = {
  /** The team permission it needs (team and app operations). */
  permission?: TeamPermission;
  /** Served as the server action `${action}Action`, from the actions file of its pages. */
  action?: string;
  /** Served as a GET route handler at this console path (one page of a table, a download). */
  route?: ConsoleRoute;
  /** User operations: how often a person may call it. */
  limit?: AttemptLimit & { key: string };
};

export type Operation<
  T extends Tenant = Tenant,
  I extends z.ZodType = z.ZodType,
  R = unknown,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> = {
  summary: string;
  tenant: T;
  /** The whole input, as the console sends it; REST builds it from path, query and body. */
  input: I;
  run: (scope: ScopeOf<T>, input: z.output<I>) => Promise<R>;
  rest?: RestBinding<I, R, Q, B>;
  console?: ConsoleBinding;
};

/** An operation entry, with its types inferred from its schemas and its service call. */
export function defineOperation<T extends Tenant, I extends z.ZodType, R, Q extends z.ZodType = never, B extends z.ZodType = never>(
  operation: Operation<T, I, R, Q, B>,
): Operation<T, I, R, Q, B> {
  return operation;
}
