import { otherMethods } from "@/lib/http/api/route-methods";
import { processVerifier } from "@/lib/http/api/process-verifier";
import { handleRequest } from "@/lib/http/api/verifier";

// POST /v1/api-keys/verify: is this project key valid for the caller's app, with these scopes?
// Under `latchkey start` the front thread answers it (lib/http/api/fast-verify.ts); both call the
// verifier's `handle`, and answer the same bytes.
export function POST(request: Request): Promise<Response> {
  return handleRequest(processVerifier(), request);
}

// Any other method: 405 in the error shape, with Allow.
export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
