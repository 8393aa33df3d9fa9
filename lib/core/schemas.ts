import { z } from "./zod";

// Building blocks shared by every concept's schemas.

/** A lone UTF-16 surrogate: half of a pair, which no UTF-8 text can hold (JSON's "\ud800" makes one). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const LONE_SURROGATE_MESSAGE = "must not contain a lone UTF-16 surrogate";
export const NUL_MESSAGE = "must not contain a NUL character";

export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

/** Why a string cannot be stored as text in both databases, or null when it can. */
export function unstorableText(value: string): string | null {
  if (hasLoneSurrogate(value)) return LONE_SURROGATE_MESSAGE;
  // PostgreSQL's text cannot hold U+0000 (SQLite's can): refused on both, so that they agree.
  if (value.includes("\0")) return NUL_MESSAGE;
  return null;
}

/**
 * Every string input starts here: well-formed Unicode without NUL. A lone surrogate would be
 * stored as U+FFFD by one database and refused by another, so it is refused at the boundary.
 */
export function textSchema() {
  return z.string().check((ctx) => {
    const message = unstorableText(ctx.value);
    if (message) ctx.issues.push({ code: "custom", message, input: ctx.value, abort: true });
  });
}

export const nameSchema = textSchema().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

export const idSchema = textSchema().min(1).max(100);

/** An ISO 8601 timestamp with a zone, as the API documents; parsed into a Date. */
export const timestampInputSchema = z.iso
  .datetime({ offset: true, message: "must be an ISO 8601 timestamp, e.g. 2030-01-31T00:00:00Z" })
  .transform((value) => new Date(value));

export const timestampOutputSchema = z.iso.datetime({ offset: true });

export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

// Durations of the key policy and of a key's rotation: shared by keys and projects.
export const MAX_GRACE_PERIOD_SECONDS = 2_592_000; // 30 days

export const rotationIntervalDaysSchema = z
  .int("must be a whole number of days")
  .min(1, "must be from 1 to 3650 days")
  .max(3650, "must be from 1 to 3650 days");

export const gracePeriodSecondsSchema = z
  .int("must be a whole number of seconds")
  .min(0, `must be from 0 to ${MAX_GRACE_PERIOD_SECONDS} seconds (30 days)`)
  .max(MAX_GRACE_PERIOD_SECONDS, `must be from 0 to ${MAX_GRACE_PERIOD_SECONDS} seconds (30 days)`);
