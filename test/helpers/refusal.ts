import { DomainError } from "../../lib/core/errors";

export type Refusal = { code: string; field?: string; detail?: string; message: string };

/**
 * What a service refused, for tests: null if `promise` succeeded, else the DomainError's code,
 * message, and its first detail's field and message. Any other error is rethrown, so that a bug
 * never passes for a refusal.
 */
export async function refusal(promise: Promise<unknown>): Promise<Refusal | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, field: error.details?.[0]?.field, detail: error.details?.[0]?.message, message: error.message };
  }
}
