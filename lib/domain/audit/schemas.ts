import { z } from "../../core/zod";
import { pageQueryFields } from "../../core/pagination";
import { textSchema, timestampInputSchema, timestampOutputSchema } from "../../core/schemas";

/** An empty filter (a blank form field) means no filter. */
const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);
const textFilter = z.preprocess(blankAsAbsent, textSchema().max(100).optional());
const timeFilter = z.preprocess(blankAsAbsent, timestampInputSchema.optional());

export const listAuditEventsQuerySchema = z.object({
  ...pageQueryFields(),
  action: textFilter,
  actor_id: textFilter,
  target_id: textFilter,
  since: timeFilter,
  until: timeFilter,
});
export type ListAuditEventsQuery = z.output<typeof listAuditEventsQuerySchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  actor: z.object({ type: z.enum(["user", "app_key", "system"]), id: z.string() }),
  target: z.object({ type: z.string(), id: z.string() }),
  metadata: z.record(z.string(), z.unknown()),
  ip_address: z.string().nullable(),
  user_agent: z.string().nullable(),
  created_at: timestampOutputSchema,
});

export const auditEventPageSchema = z.object({
  audit_events: z.array(auditEventSchema),
  next_cursor: z.string().nullable().describe("Pass as `cursor` for the next, older page; null on the last page."),
});
