// The verify path answers from memory almost every time. Each `await` there costs a promise,
// and with Next's AsyncLocalStorage active in the process every promise also pays for async
// hooks (measured: about 15 % more CPU per verification). So the hot-path functions return a
// plain value when they have one, and a promise only when they must wait for the database.
// (Not named `then`: a module exporting `then` is a thenable to `await import()`.)

export type MaybePromise<T> = T | Promise<T>;

/** Applies `next` to `value` now if it is ready, or once its promise settles. */
export function whenReady<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}
