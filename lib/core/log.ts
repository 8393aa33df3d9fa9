import pino from "pino";

// The process's structured logger: one JSON line per event on stderr, at LATCHKEY_LOG_LEVEL
// (default info). Nothing here may carry a secret: log what failed and where, never a request
// body, a header value or a key. The redaction below is a second line of defence, not the first.
// (Read from process.env directly: lib/core/env.ts needs DATABASE_URL, and a logger must work without it.)

const LEVELS = new Set(["debug", "info", "warn", "error", "silent"]);
const configured = process.env.LATCHKEY_LOG_LEVEL ?? "info";

export const log = pino(
  {
    level: LEVELS.has(configured) ? configured : "info",
    base: { service: "latchkey" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: [
        "key",
        "plaintext",
        "plaintext_key",
        "secret",
        "authorization",
        "*.key",
        "*.plaintext",
        "*.secret",
        "*.authorization",
        "headers.cookie",
      ],
      censor: "[redacted]",
    },
  },
  pino.destination({ dest: 2, sync: true }),
);

type Level = "debug" | "info" | "warn" | "error";
type Window = { until: number; suppressed: number };

const windows = new Map<string, Window>();
const MAX_KEYS = 1_000;

/**
 * Logs at most one line per `key` every `everyMs` (10 s): an outage that fails every request
 * prints one line per kind of failure and window, with the count of the lines it held back,
 * instead of one per request.
 */
export function logLimited(
  key: string,
  level: Level,
  fields: Record<string, unknown>,
  message: string,
  everyMs = 10_000,
  now = Date.now(),
): boolean {
  const window = windows.get(key);
  if (window && now < window.until) {
    window.suppressed++;
    return false;
  }
  if (windows.size >= MAX_KEYS && !window) windows.delete(windows.keys().next().value!);
  windows.set(key, { until: now + everyMs, suppressed: 0 });
  log[level]({ ...fields, ...(window?.suppressed ? { repeated: window.suppressed } : {}) }, message);
  return true;
}

/** What a thrown value says, for a log line: its kind, code and first message line, never a stack. */
export function describeError(error: unknown): { name: string; code?: string; message: string } {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error).split("\n")[0]!.slice(0, 500) };
  const code = (error as { code?: unknown }).code;
  // Prisma's messages start with a blank line and span several: keep the first line that says something.
  const line =
    error.message
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? "";
  return { name: error.name, ...(typeof code === "string" ? { code } : {}), message: line.slice(0, 500) };
}
