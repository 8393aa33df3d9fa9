import { restRoute } from "@/lib/http/api/rest-route";

// /v1/api-keys/{keyID}/credits: the catalogue's entries for this path (lib/domain/catalogue.ts); other methods answer 405.
export const { GET, POST, PUT, PATCH, DELETE } = restRoute("/v1/api-keys/{keyID}/credits");
