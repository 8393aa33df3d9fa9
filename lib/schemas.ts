import { z } from "./zod";

// Building blocks shared by every concept's schemas.

export const nameSchema = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

export const idSchema = z.string().min(1).max(100);

/** An ISO 8601 timestamp with a zone, as the API documents; parsed into a Date. */
export const timestampInputSchema = z.iso
  .datetime({ offset: true, message: "must be an ISO 8601 timestamp, e.g. 2030-01-31T00:00:00Z" })
  .transform((value) => new Date(value));

export const timestampOutputSchema = z.iso.datetime({ offset: true });

export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
