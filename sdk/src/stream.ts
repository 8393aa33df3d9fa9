// The verifier's one connection to GET /v1/api-keys/changes (Server-Sent Events): it reports
// each change, each reset and each heartbeat, and reconnects with Last-Event-ID after a drop,
// so that the changes it missed are replayed.

export type StreamHandlers = {
  change(keyId: string, change: string): void;
  reset(): void;
  heartbeat(): void;
  disconnected(): void;
};

export type ChangeStream = { close(): void; connected(): boolean };

const MAX_BACKOFF_MS = 5_000;

export function openChangeStream(url: string, apiKey: string, handlers: StreamHandlers, fetchImpl: typeof fetch = fetch): ChangeStream {
  const controller = new AbortController();
  let lastEventId: string | undefined;
  let connected = false;
  let closed = false;
  let backoff = 250;

  const dispatch = (block: string) => {
    let event = "message";
    let data = "";
    let id: string | undefined;
    for (const line of block.split("\n")) {
      const colon = line.indexOf(":");
      if (colon <= 0) continue; // comments and blank lines
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data += value;
      else if (field === "id") id = value;
    }
    if (id !== undefined) lastEventId = id;
    if (event === "heartbeat") return handlers.heartbeat();
    if (event === "reset") {
      handlers.reset();
      return handlers.heartbeat();
    }
    if (event !== "message" || !data) return;
    try {
      const parsed = JSON.parse(data) as { key_id?: unknown; change?: unknown };
      if (typeof parsed.key_id === "string") handlers.change(parsed.key_id, String(parsed.change ?? ""));
    } catch {
      // Not an event this client understands: the server never sends one; reset to be safe.
      handlers.reset();
    }
  };

  const run = async () => {
    while (!closed) {
      try {
        const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, accept: "text/event-stream" };
        if (lastEventId !== undefined) headers["last-event-id"] = lastEventId;
        const response = await fetchImpl(url, { headers, signal: controller.signal });
        if (!response.ok || !response.body) {
          await response.body?.cancel();
          throw new Error(`change stream answered ${response.status}`);
        }
        connected = true;
        backoff = 250;
        const decoder = new TextDecoder();
        let buffer = "";
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
            dispatch(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // A refused or dropped connection: try again, a little later each time.
      }
      if (connected) handlers.disconnected();
      connected = false;
      if (closed) return;
      await new Promise((resolve) => setTimeout(resolve, backoff).unref?.());
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
  };
  void run();

  return {
    connected: () => connected,
    close() {
      closed = true;
      controller.abort();
    },
  };
}
