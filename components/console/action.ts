"use client";

import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import type { ActionError, ActionResult } from "@/lib/http/actions/result";
import { toast } from "@/components/ui/toast";

/** A server action's failure, thrown so that react-query sees an error. */
export class ActionFailure extends Error {
  constructor(readonly error: ActionError) {
    super(error.message);
    this.name = "ActionFailure";
  }
}

const SENTENCES: Record<string, string> = {
  unauthorized: "Your session ended. Sign in again to continue.",
  not_found: "It no longer exists, or it was never yours to see. Reload the page.",
  internal_error: "Something went wrong on our side. Nothing was changed; try again.",
  key_revoked: "This key is revoked and can no longer be changed.",
  key_rotated: "This key was already rotated. Change its replacement instead.",
  key_expired: "This key has expired. Create a new key instead.",
  key_disabled: "This key is disabled. Enable it before you rotate it.",
};

/** The one place that turns an action's error into a sentence for people. */
export function errorSentence(error: unknown): string {
  if (error instanceof ActionFailure) {
    // Validation, permission and conflict messages are already written for people.
    return SENTENCES[error.error.code] ?? error.error.message;
  }
  return "The server could not be reached. Check your connection and try again.";
}

export async function unwrap<T>(pending: Promise<ActionResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new ActionFailure(result.error);
  return result.data;
}

type Options<T, V> = Omit<UseMutationOptions<T, Error, V>, "mutationFn"> & {
  /** The toast after success; none when it returns null. */
  success?: (data: T, variables: V) => string | null;
  /** Errors on a form field are shown next to it rather than as a toast. */
  fieldErrorsInline?: boolean;
};

/** A react-query mutation over a server action: errors become toasts, success another. */
export function useActionMutation<T, V>(action: (variables: V) => Promise<ActionResult<T>>, options: Options<T, V> = {}) {
  const { success, fieldErrorsInline, onSuccess, onError, ...rest } = options;
  return useMutation<T, Error, V>({
    ...rest,
    mutationFn: (variables) => unwrap(action(variables)),
    onSuccess: (data, variables, ...more) => {
      const message = success?.(data, variables);
      if (message) toast({ title: message, variant: "success" });
      return onSuccess?.(data, variables, ...more);
    },
    onError: (error, variables, ...more) => {
      const inline = fieldErrorsInline && error instanceof ActionFailure && error.error.field;
      if (!inline) toast({ title: "That did not work", description: errorSentence(error), variant: "destructive" });
      return onError?.(error, variables, ...more);
    },
  });
}

/** The message to show beside a form field ("must not be empty"), if the failure was about that field. */
export function fieldError(error: Error | null, field: string): string | null {
  if (!(error instanceof ActionFailure)) return null;
  // An array's item reports as "scopes.0": it belongs to the "scopes" field.
  const issue = error.error.details?.find((d) => d.field === field || d.field.startsWith(`${field}.`));
  return issue?.message ?? null;
}
