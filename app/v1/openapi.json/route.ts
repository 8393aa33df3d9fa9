import { openApiDocument } from "@/lib/http/api/openapi";
import { otherMethods } from "@/lib/http/api/route-methods";

// GET /v1/openapi.json: the OpenAPI 3.1 document, generated from the request and response schemas
export function GET() {
  return Response.json(openApiDocument());
}

// Any other method: 405 in the error shape, with Allow.
export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
