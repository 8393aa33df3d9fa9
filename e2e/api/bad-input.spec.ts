import type { APIRequestContext, APIResponse } from "@playwright/test";
import {
  BAD_PATH_SEGMENTS,
  badBodies,
  badQueryValues,
  badValues,
  METHODS,
  type OpenApi,
  type Operation,
  type Parameter,
  resolve,
  toJsonText,
} from "../bad-input";
import { bootstrapTenant, expect, type Tenant, test } from "../fixtures";

// Issue 11, "One error path": for every operation in GET /v1/openapi.json, bodies, query strings
// and path parameters generated from its schemas (e2e/bad-input.ts). No answer may be a 5xx,
// every error is in the documented shape, and afterwards every GET operation answers exactly as
// before: nothing was changed.

type Case = { label: string; method: string; path: string; data?: Buffer; contentType?: string };
type Found = { label: string; status: number; problem: string };

const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

// Each worker sets up a team of its own, so that no other test's writes show in the snapshot.
let document: OpenApi;
let tenant: Tenant;
let known: Record<string, string>;

async function call(request: APIRequestContext, c: Case): Promise<APIResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${tenant.api_key}` };
  if (c.contentType) headers["content-type"] = c.contentType;
  return request.fetch(c.path, { method: c.method, headers, data: c.data, maxRedirects: 0 });
}

/** What is wrong with an answer, or null: no 5xx, and an error in the documented shape. */
async function problemWith(response: APIResponse, codes: readonly string[]): Promise<string | null> {
  const status = response.status();
  if (status >= 500) return `answered ${status}: ${(await response.text()).slice(0, 200)}`;
  if (status < 400) return null;
  if (!response.headers()["content-type"]?.includes("application/json"))
    return `a ${status} that is not JSON: ${(await response.text()).slice(0, 100)}`;
  let body: { error?: { code?: unknown; message?: unknown; details?: unknown } };
  try {
    body = await response.json();
  } catch {
    return `a ${status} whose body is not JSON`;
  }
  const error = body?.error;
  if (!error || typeof error.message !== "string" || !codes.includes(error.code as string))
    return `not the error shape: ${JSON.stringify(body).slice(0, 200)}`;
  const details = error.details;
  if (
    details !== undefined &&
    !(Array.isArray(details) && details.every((d) => typeof d?.field === "string" && typeof d?.message === "string"))
  ) {
    return `details not [{ field, message }]: ${JSON.stringify(details).slice(0, 200)}`;
  }
  return null;
}

/** Every JSON operation; the change stream (text/event-stream, which never ends) has a spec of its own, e2e/api/changes.spec.ts. */
function operations(): { template: string; method: string; operation: Operation; parameters: Parameter[] }[] {
  const streams = (operation: Operation) =>
    Object.values((operation as { responses?: Record<string, { content?: object }> }).responses ?? {}).some(
      (r) => r.content && "text/event-stream" in r.content,
    );
  return Object.entries(document.paths).flatMap(([template, item]) =>
    METHODS.filter((method) => item[method] && !streams(item[method] as Operation)).map((method) => {
      const operation = item[method] as Operation;
      return {
        template,
        method: method.toUpperCase(),
        operation,
        parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])],
      };
    }),
  );
}

function fill(template: string, replaced: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => replaced[name] ?? encodeURIComponent(known[name] ?? "x"));
}

function requiredQuery(parameters: Parameter[], except?: string): string[] {
  return parameters
    .filter((p) => p.in === "query" && p.required && p.name !== except)
    .map((p) => `${p.name}=${encodeURIComponent(known[p.name] ?? "x")}`);
}

function withQuery(path: string, parts: string[]): string {
  return parts.length ? `${path}?${parts.join("&")}` : path;
}

/** Every generated case: bodies, query strings and path parameters of each operation. */
function cases(): Case[] {
  const all: Case[] = [];
  for (const { template, method, operation, parameters } of operations()) {
    const id = operation.operationId;
    const path = withQuery(fill(template), requiredQuery(parameters));
    const body = operation.requestBody?.content["application/json"]?.schema;
    if (body) {
      const schema = resolve(body, document);
      for (const value of badValues(schema, known)) {
        const text = toJsonText(value);
        all.push({ label: `${id} body ${text.slice(0, 120)}`, method, path, data: Buffer.from(text), contentType: "application/json" });
      }
      for (const bad of badBodies(schema, operation.requestBody?.required ?? false)) {
        all.push({ label: `${id} body: ${bad.label}`, method, path, data: bad.data, contentType: bad.contentType });
      }
    }
    for (const parameter of parameters.filter((p) => p.in === "query")) {
      const rest = requiredQuery(parameters, parameter.name);
      for (const value of badQueryValues(parameter.name, parameter.schema)) {
        all.push({
          label: `${id} ?${parameter.name}=${value.slice(0, 60)}`,
          method,
          path: withQuery(fill(template), [...rest, `${parameter.name}=${value}`]),
        });
      }
      all.push({
        label: `${id} ?${parameter.name} twice`,
        method,
        path: withQuery(fill(template), [...rest, `${parameter.name}=1`, `${parameter.name}=%ff`]),
      });
      if (parameter.required) all.push({ label: `${id} without ${parameter.name}`, method, path: withQuery(fill(template), rest) });
    }
    if (parameters.some((p) => p.in === "query")) {
      all.push({
        label: `${id} unknown query parameter`,
        method,
        path: withQuery(fill(template), [...requiredQuery(parameters), "unknown_parameter=%ED%A0%80"]),
      });
    }
    for (const parameter of parameters.filter((p) => p.in === "path")) {
      for (const segment of BAD_PATH_SEGMENTS) {
        const data = body ? Buffer.from("{}") : undefined;
        all.push({
          label: `${id} {${parameter.name}}=${segment.slice(0, 40)}`,
          method,
          path: withQuery(fill(template, { [parameter.name]: segment }), requiredQuery(parameters)),
          data,
          contentType: data ? "application/json" : undefined,
        });
      }
    }
  }
  return all;
}

/** Every GET operation with the fixture's ids: what a change anywhere would show in. */
async function snapshot(request: APIRequestContext): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const { template, method, parameters } of operations()) {
    if (method !== "GET") continue;
    const path = withQuery(fill(template), requiredQuery(parameters));
    const response = await call(request, { label: path, method, path });
    expect(response.status(), path).toBe(200);
    answers[path] = await response.json();
  }
  return answers;
}

async function runAll(
  request: APIRequestContext,
  list: Case[],
  check: (c: Case, response: APIResponse) => Promise<string | null>,
): Promise<Found[]> {
  const found: Found[] = [];
  let next = 0;
  // A few at a time: the servers run on a small shared machine.
  const worker = async () => {
    while (next < list.length) {
      const c = list[next++]!;
      const response = await call(request, c);
      const problem = await check(c, response);
      if (problem) found.push({ label: `${c.method} ${c.label}`, status: response.status(), problem });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return found;
}

test.beforeAll(async ({ request, databaseUrl }) => {
  test.setTimeout(120_000); // `latchkey bootstrap` runs as a process of its own
  document = (await (await request.get("/v1/openapi.json")).json()) as OpenApi;
  tenant = bootstrapTenant(databaseUrl, "Bad input");
  const auth = { authorization: `Bearer ${tenant.api_key}` };
  const key = await (
    await request.post("/v1/api-keys", { headers: auth, data: { project_id: tenant.project_id, name: "bad input target" } })
  ).json();
  const appKey = await (
    await request.post(`/v1/apps/${tenant.app_id}/api-keys`, { headers: auth, data: { name: "bad input app key", role: "verifier" } })
  ).json();
  // The ids every path and required parameter takes; anything else gets a valid stand-in.
  known = {
    app_id: tenant.app_id,
    project_id: tenant.project_id,
    keyID: key.id,
    api_key_id: appKey.api_key.id,
    message_id: "msg_0000000000000000000000",
    key: "lk_live_notarealkey",
  };
});

test("every operation refuses generated bad bodies, query strings and path parameters without a 5xx, and changes nothing", async ({
  request,
}) => {
  test.setTimeout(180_000);
  const codes = (resolve({ $ref: "#/components/schemas/Error" }, document).properties!.error!.properties!.code!.enum ?? []) as string[];
  const list = cases();
  expect(list.length).toBeGreaterThan(1000);
  for (const { operation } of operations())
    expect(
      list.some((c) => c.label.startsWith(`${operation.operationId} `)),
      operation.operationId,
    ).toBe(true);

  const before = await snapshot(request);
  const found = await runAll(request, list, (_c, response) => problemWith(response, codes));
  expect(found).toEqual([]);
  expect(await snapshot(request)).toEqual(before);
});

test("every documented path answers the methods it does not document with 405 method_not_allowed and Allow", async ({ request }) => {
  const codes = ["method_not_allowed"];
  const list: (Case & { allow: string })[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    const documented = METHODS.filter((method) => item[method]).map((method) => method.toUpperCase());
    const allow = [...new Set([...documented, "OPTIONS", ...(documented.includes("GET") ? ["HEAD"] : [])])].sort().join(", ");
    const path = fill(template);
    for (const method of ROUTE_METHODS.filter((m) => !documented.includes(m))) list.push({ label: template, method, path, allow });
    // Methods Next has no handler for are answered by the front thread, for any path.
    for (const method of ["TRACE", "PROPFIND", "PURGE"])
      list.push({ label: template, method, path, allow: "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE" });
  }
  const found = await runAll(request, list, async (c, response) => {
    if (response.status() !== 405) return `answered ${response.status()}, not 405`;
    const allow = (c as (typeof list)[number]).allow;
    if (response.headers()["allow"] !== allow) return `Allow: ${response.headers()["allow"]}, not ${allow}`;
    return problemWith(response, codes);
  });
  expect(found).toEqual([]);
});
