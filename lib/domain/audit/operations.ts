import "server-only";
import { z } from "../../core/zod";
import { idSchema } from "../../core/schemas";
import { defineOperation } from "../operation";
import { auditEventPages, exportChunks } from "./export";
import { listAuditEvents } from "./queries";
import { auditEventPageSchema, listAuditEventsQuerySchema } from "./schemas";

// The audit log: an app's events on /v1, and a team's as a download from the console.

const exportQuerySchema = listAuditEventsQuerySchema.omit({ cursor: true, limit: true, starting_after: true }).extend({
  format: z.preprocess((value) => (value === "" ? undefined : value), z.enum(["csv", "json"]).default("csv")),
});

export const auditOperations = {
  listAuditEvents: defineOperation({
    summary: "List audit events",
    tenant: "app",
    input: listAuditEventsQuerySchema.extend({ app_id: idSchema }),
    run: (scope, { app_id: _, ...query }) => listAuditEvents(scope, query),
    rest: {
      method: "GET",
      path: "/v1/apps/{app_id}/audit-events",
      permission: "audit:read",
      status: 200,
      query: listAuditEventsQuerySchema,
      input: ({ appId, query }) => ({ ...query, app_id: appId }),
      response: auditEventPageSchema,
      paged: true,
      responseDescription: "Newest first",
    },
  }),
  exportAuditEvents: defineOperation({
    summary: "Download a team's audit log as CSV or JSON",
    tenant: "team",
    input: exportQuerySchema,
    run: async (scope, { format, ...filters }) => {
      const pages = await auditEventPages(scope, filters);
      const stamp = new Date().toISOString().slice(0, 10);
      return {
        filename: `latchkey-audit-${scope.teamSlug}-${stamp}.${format}`,
        contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/json",
        body: exportChunks(pages, format),
      };
    },
    console: {
      permission: "audit:read",
      route: { path: "/[team]/audit/export", input: ({ search }) => search, download: true },
    },
  }),
};
