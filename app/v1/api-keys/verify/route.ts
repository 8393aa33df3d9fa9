import { readCappedText } from "@/lib/api/body";
import { processVerifier } from "@/lib/api/process-verifier";
import { otherMethods } from "@/lib/api/route-methods";

// POST /v1/api-keys/verify: is this project key valid for the caller's app, with these scopes?
// Under `latchkey start` the front thread answers it (lib/api/fast-verify.ts); both call the
// verifier's `handle`, and answer the same bytes.
export async function POST(request: Request): Promise<Response> {
  const verifier = processVerifier();
  const scope = (() => {
    try {
      return verifier.authorize(request.headers, "keys:verify");
    } catch (failure) {
      return Promise.reject(failure);
    }
  })();
  if (scope instanceof Promise) scope.catch(() => undefined); // handled by handle()
  let body: { text: string } | { error: unknown };
  try {
    body = { text: await readCappedText(request.body as AsyncIterable<Uint8Array> | null, request.headers.get("content-length")) };
  } catch (error) {
    body = { error };
  }
  const answer = await verifier.handle(request.headers, body, scope);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

// Any other method: 405 in the error shape, with Allow.
export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
