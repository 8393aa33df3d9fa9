import { openApiDocument } from "@/lib/api/openapi";

// GET /v1/openapi.json: the OpenAPI 3.1 document, generated from the request and response schemas
export function GET() {
  return Response.json(openApiDocument());
}
