import { type AdapterOptions, bearerKey, check } from "./adapter";
import type { VerifyResult } from "./index";

// For any runtime built on the web's Request and Response (Hono, Bun, Deno, workers):
//
//   const checked = await verifyRequest(request, { scopes: ["invoices:read"] });
//   if (!checked.ok) return checked.response;
//   checked.result.key_id …

export type FetchOptions = AdapterOptions & { getKey?: (request: Request) => string | null | undefined };

export async function verifyRequest(
  request: Request,
  options: FetchOptions = {},
): Promise<{ ok: true; result: VerifyResult } | { ok: false; response: Response }> {
  const checked = await check(options.getKey ? options.getKey(request) : bearerKey(request.headers), options);
  if (checked.ok) return checked;
  return { ok: false, response: Response.json(checked.body, { status: checked.status, headers: checked.headers }) };
}

export type { VerifyResult };
