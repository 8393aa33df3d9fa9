// The process registry: the one place that keeps state for the life of the process (one per
// thread: a worker thread has its own). Next's server bundle and `latchkey start`'s own module
// graph each load lib/, and `next dev` evaluates a module again on every change, so state kept
// in a module's variables would exist several times over: two key caches, two usage buffers.
// Each entry here exists once, whichever copy of a module asks for it.

const REGISTRY = Symbol.for("latchkey.registry");
type Holder = { [REGISTRY]?: Map<string, unknown> };

function entries(): Map<string, unknown> {
  const holder = globalThis as Holder;
  return (holder[REGISTRY] ??= new Map());
}

/** The process's one `name`, made by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  const registry = entries();
  if (!registry.has(name)) registry.set(name, create());
  return registry.get(name) as T;
}

/** A process-wide slot that may be empty, for state that is replaced or cleared (a connection, a running loop). */
export type Slot<T> = { get(): T | undefined; set(value: T | undefined): void };

export function processSlot<T>(name: string): Slot<T> {
  const key = `slot:${name}`;
  return {
    get: () => entries().get(key) as T | undefined,
    set: (value) => void (value === undefined ? entries().delete(key) : entries().set(key, value)),
  };
}
