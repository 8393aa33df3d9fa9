import { consoleRoute } from "@/lib/http/actions/run-operation";

// GET /[team]/apps/[app]/projects/[project]/usage: a console read, the catalogue's entry for this path (lib/domain/catalogue.ts).
export const GET = consoleRoute("/[team]/apps/[app]/projects/[project]/usage");
