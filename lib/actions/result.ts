// What a server action returns: expected failures are values, not exceptions.
export type ActionError = { code: string; message: string; field?: string };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };
