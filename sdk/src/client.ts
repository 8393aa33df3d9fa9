import type { components, operations, paths } from "./schema";

// A typed client for every management operation, its types generated from Latchkey's OpenAPI
// document (sdk/src/schema.ts): paths, path and query parameters, bodies and answers are checked
// by the compiler. Each call resolves to `{ data }` or `{ error }` (Latchkey's error shape), with
// the response for its status and headers (a list's `Link`):
//
//   const latchkey = createClient({ baseUrl, apiKey });
//   const { data, error } = await latchkey.GET("/v1/api-keys/{keyID}", { params: { path: { keyID } } });
//   const created = await latchkey.POST("/v1/api-keys", { body: { project_id, name: "billing" } });

export type { components, operations, paths };

type Method = "get" | "post" | "patch" | "delete";
type Operation<P extends keyof paths, M extends Method> = paths[P][M] extends infer O
  ? O extends { responses: unknown }
    ? O
    : never
  : never;
/** The paths that serve `M`. */
export type PathsWith<M extends Method> = { [P in keyof paths]: Operation<P, M> extends never ? never : P }[keyof paths];

type Parameters<O> = O extends { parameters: infer Q } ? Q : never;
type PathParams<O> = Parameters<O> extends { path: infer T } ? (T extends Record<string, unknown> ? T : never) : never;
type QueryParams<O> = Parameters<O> extends { query?: infer T } ? T : never;
type Body<O> = O extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
type Success<O> = O extends { responses: infer R }
  ? { [S in keyof R]: S extends 200 | 201 | 204 ? (R[S] extends { content: { "application/json": infer D } } ? D : null) : never }[keyof R]
  : never;

type Params<O> = ([PathParams<O>] extends [never] ? { path?: never } : { path: PathParams<O> }) &
  ([QueryParams<O>] extends [never] ? { query?: never } : { query?: QueryParams<O> });
export type RequestInit<O> = ([PathParams<O>] extends [never] ? { params?: Params<O> } : { params: Params<O> }) & {
  body?: Body<O>;
  headers?: Record<string, string>;
};
type Args<O> = [PathParams<O>] extends [never]
  ? Body<O> extends never
    ? [init?: RequestInit<O>]
    : [init: RequestInit<O>]
  : [init: RequestInit<O>];

export type LatchkeyError = components["schemas"]["Error"]["error"];
export type Answer<T> = { data: T; error?: undefined; response: Response } | { data?: undefined; error: LatchkeyError; response: Response };

export type ClientOptions = { baseUrl?: string; apiKey?: string; fetch?: typeof fetch };

export type Client = {
  GET<P extends PathsWith<"get">>(path: P, ...args: Args<Operation<P, "get">>): Promise<Answer<Success<Operation<P, "get">>>>;
  POST<P extends PathsWith<"post">>(path: P, ...args: Args<Operation<P, "post">>): Promise<Answer<Success<Operation<P, "post">>>>;
  PATCH<P extends PathsWith<"patch">>(path: P, ...args: Args<Operation<P, "patch">>): Promise<Answer<Success<Operation<P, "patch">>>>;
  DELETE<P extends PathsWith<"delete">>(path: P, ...args: Args<Operation<P, "delete">>): Promise<Answer<Success<Operation<P, "delete">>>>;
};

/** A typed client for Latchkey's management API, authenticated with an app API key (admin role). */
export function createClient(options: ClientOptions = {}): Client {
  const baseUrl = (options.baseUrl ?? process.env.LATCHKEY_URL ?? "").replace(/\/+$/, "");
  const apiKey = options.apiKey ?? process.env.LATCHKEY_API_KEY ?? "";
  if (!baseUrl) throw new TypeError("createClient needs baseUrl (or LATCHKEY_URL)");
  if (!apiKey) throw new TypeError("createClient needs apiKey (or LATCHKEY_API_KEY)");
  const fetchImpl = options.fetch ?? fetch;

  async function call(
    method: string,
    template: string,
    init: { params?: { path?: object; query?: object }; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = (init.params?.path as Record<string, unknown> | undefined)?.[name];
      if (typeof value !== "string" || value === "") throw new TypeError(`${template} needs params.path.${name}`);
      return encodeURIComponent(value);
    });
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(init.params?.query ?? {}))
      if (value !== undefined && value !== null) query.set(name, String(value));
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, ...init.headers };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetchImpl(`${baseUrl}${path}${query.size > 0 ? `?${query}` : ""}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.clone().text();
    const json = text ? (JSON.parse(text) as unknown) : null;
    if (!response.ok)
      return {
        error: (json as { error: LatchkeyError } | null)?.error ?? { code: "internal_error", message: `HTTP ${response.status}` },
        response,
      };
    return { data: json, response };
  }

  const method =
    (name: string) =>
    (path: string, init?: object): Promise<never> =>
      call(name, path, init) as Promise<never>;
  return { GET: method("GET"), POST: method("POST"), PATCH: method("PATCH"), DELETE: method("DELETE") } as Client;
}
