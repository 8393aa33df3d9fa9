import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { type APIRequestContext, type APIResponse, test as base, expect } from "@playwright/test";
import type { BootstrapResult } from "../lib/domain/bootstrap";
import { assertLocalDatabase } from "./local-database";

export type E2EOptions = { databaseUrl: string };

/** A team set up by `latchkey bootstrap`: what an operator gets on a fresh install. */
export type Tenant = BootstrapResult;

export function bootstrapTenant(databaseUrl: string, label: string): Tenant {
  assertLocalDatabase(databaseUrl);
  const suffix = randomBytes(3).toString("hex");
  const line = execFileSync(
    process.execPath,
    ["bin/latchkey.mjs", "bootstrap", "--team", `${label} ${suffix}`, "--app", `${label} app`, "--project", `${label} project`, "--json"],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  return JSON.parse(line) as Tenant;
}

type Call = (
  method: string,
  path: string,
  options?: { key?: string | null; body?: unknown; headers?: Record<string, string> },
) => Promise<APIResponse>;

/** A JSON call to /v1 with a bearer key. `body` is sent as JSON unless it is a string. */
export function caller(request: APIRequestContext, defaultKey: string): Call {
  return (method, path, options = {}) => {
    const key = options.key === undefined ? defaultKey : options.key;
    const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}) };
    if (options.body !== undefined && typeof options.body !== "string") headers["content-type"] = "application/json";
    return request.fetch(path, {
      method,
      headers: { ...headers, ...options.headers },
      // A Buffer goes on the wire as is; Playwright would JSON-encode a string sent as JSON.
      data:
        options.body === undefined
          ? undefined
          : Buffer.from(typeof options.body === "string" ? options.body : JSON.stringify(options.body)),
    });
  };
}

export const test = base.extend<{ apiA: Call; apiB: Call }, E2EOptions & { a: Tenant; b: Tenant }>({
  databaseUrl: ["", { option: true, scope: "worker" }],
  // Two teams per worker, so that every test can try one team's key on the other's resources.
  // Tests create their own keys and never assume an empty project.
  a: [async ({ databaseUrl }, use) => use(bootstrapTenant(databaseUrl, "Alpha")), { scope: "worker" }],
  b: [async ({ databaseUrl }, use) => use(bootstrapTenant(databaseUrl, "Beta")), { scope: "worker" }],
  apiA: async ({ request, a }, use) => use(caller(request, a.api_key)),
  apiB: async ({ request, b }, use) => use(caller(request, b.api_key)),
});

export { expect };

export async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status(), await response.text()).toBe(status);
  const body = await response.json();
  expect(body).toMatchObject({ error: { code, message: expect.any(String) } });
  return body as { error: { code: string; message: string; details?: { field: string; message: string }[] } };
}

export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
