import { verifyRequest, type FetchOptions } from "./fetch";
import type { VerifyResult } from "./index";

// For Next.js App Router route handlers:
//
//   export const GET = withLatchkey(async (request, { latchkey }) => Response.json({ key: latchkey.key_id }), { scopes: ["read"] });

export type LatchkeyContext<C> = C & { latchkey: VerifyResult };

export function withLatchkey<C extends object = { params: Promise<Record<string, string | string[]>> }>(
  handler: (request: Request, context: LatchkeyContext<C>) => Response | Promise<Response>,
  options: FetchOptions = {},
) {
  return async (request: Request, context: C): Promise<Response> => {
    const checked = await verifyRequest(request, options);
    if (!checked.ok) return checked.response;
    return handler(request, { ...(context ?? ({} as C)), latchkey: checked.result });
  };
}
