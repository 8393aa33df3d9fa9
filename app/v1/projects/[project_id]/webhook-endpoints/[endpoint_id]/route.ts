import { restRoute } from "@/lib/http/api/rest-route";

// /v1/projects/{project_id}/webhook-endpoints/{endpoint_id}: the catalogue's entries for this path (lib/domain/catalogue.ts); other methods answer 405.
export const { GET, POST, PUT, PATCH, DELETE } = restRoute("/v1/projects/{project_id}/webhook-endpoints/{endpoint_id}");
