import { handleLeakReport } from "@/lib/http/api/leaks-route";
import { otherMethods } from "@/lib/http/api/route-methods";

// POST /v1/leaks: report leaked Latchkey keys, without authentication (lib/domain/keys/leaks.ts).
export const POST = handleLeakReport;

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
