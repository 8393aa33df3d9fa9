import { type AdapterOptions, bearerKey, check } from "./adapter";
import type { VerifyResult } from "./index";

// For any runtime built on the web's Request and Response (Hono, Bun, Deno, workers):
//
//   const checked = await verifyRequest(request, { scopes: ["invoices:read"] });
//   if (!checked.ok) return checked.response;
//   checked.result.key_id …

export type FetchOptions = AdapterOptions & {
  getKey?: (request: Request) => string | null | undefined;
  /**
   * The client's address, for keys with an IP allow-list. A web Request does not carry one: read it
   * from your runtime (Bun's server.requestIP, a trusted proxy's header). Without it such keys are FORBIDDEN.
   */
  getIp?: (request: Request) => string | null | undefined;
};

export async function verifyRequest(
  request: Request,
  options: FetchOptions = {},
): Promise<{ ok: true; result: VerifyResult } | { ok: false; response: Response }> {
  const client = { ip: options.getIp?.(request) ?? undefined, userAgent: request.headers.get("user-agent") ?? undefined };
  const checked = await check(options.getKey ? options.getKey(request) : bearerKey(request.headers), options, client);
  if (checked.ok) return checked;
  return { ok: false, response: Response.json(checked.body, { status: checked.status, headers: checked.headers }) };
}

export type { VerifyResult };
