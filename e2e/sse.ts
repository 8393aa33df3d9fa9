// A minimal Server-Sent Events reader over fetch, for the change stream's tests: it keeps every
// event, and waits for one that matches.

export type StreamEvent = { id?: string; event: string; data: unknown; at: number };

export type EventStream = {
  status: number;
  contentType: string | null;
  events: StreamEvent[];
  /** The first event (seen or to come) after index `from` that matches, or a rejection after `timeoutMs`. */
  next(match: (event: StreamEvent) => boolean, timeoutMs?: number, from?: number): Promise<StreamEvent>;
  close(): void;
};

export async function openStream(url: string, key: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${key}`, ...headers }, signal: controller.signal });
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event: StreamEvent = { event: "message", data: null, at: Date.now() };
            for (const line of block.split("\n")) {
              const [field, ...rest] = line.split(": ");
              const value = rest.join(": ");
              if (field === "id") event.id = value;
              else if (field === "event") event.event = value;
              else if (field === "data") event.data = JSON.parse(value);
            }
            events.push(event);
            for (const wake of waiters) wake();
          }
        }
      } catch {
        // aborted
      }
    })();
  } else await response.body?.cancel();
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    events,
    next(match, timeoutMs = 2_000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.slice(from).find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; saw ${JSON.stringify(events.slice(-5))}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => controller.abort(),
  };
}
