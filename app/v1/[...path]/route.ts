import { errorBody, NO_STORE } from "@/lib/http/api/errors";

// Any other /v1 path: the REST error shape rather than Next's HTML 404 page.
function notFound(): Response {
  return Response.json(errorBody("not_found", "No such endpoint."), { status: 404, headers: NO_STORE });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
