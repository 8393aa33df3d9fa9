import {
  createVerifier,
  LatchkeyRequestError,
  LatchkeyUnavailableError,
  type Verifier,
  type VerifierOptions,
  type VerifyOptions,
  type VerifyResult,
} from "./index";

// What the three framework adapters share: where the key comes from, which verifier checks it,
// and how a refusal is answered, in Latchkey's error shape.

export type HeaderGetter = { get(name: string): string | null | undefined };

export type AdapterOptions = VerifierOptions & {
  /** Scopes every request must have. */
  scopes?: string[];
  /** A verifier of your own; else one per baseUrl and apiKey, made on first use and shared. */
  verifier?: Verifier;
};

export type Refusal = {
  status: 401 | 403 | 429 | 503;
  body: { error: { code: string; message: string } };
  headers: Record<string, string>;
};
export type Checked = { ok: true; result: VerifyResult } | ({ ok: false } & Refusal);

const shared = new Map<string, Verifier>();

/** The verifier for these options: the caller's, or one shared by every adapter with the same Latchkey and key. */
export function verifierFor(options: AdapterOptions): Verifier {
  if (options.verifier) return options.verifier;
  const baseUrl = options.baseUrl ?? process.env.LATCHKEY_URL ?? "";
  const apiKey = options.apiKey ?? process.env.LATCHKEY_API_KEY ?? "";
  const id = `${baseUrl}\n${apiKey}`;
  let verifier = shared.get(id);
  if (!verifier) shared.set(id, (verifier = createVerifier({ ...options, baseUrl, apiKey })));
  return verifier;
}

/** The key of `Authorization: Bearer <key>`, or null. */
export function bearerKey(headers: HeaderGetter): string | null {
  const header = headers.get("authorization");
  const match = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

const refusal = (status: Refusal["status"], code: string, message: string, headers: Record<string, string> = {}): Checked => ({
  ok: false,
  status,
  body: { error: { code, message } },
  headers: { "Cache-Control": "no-store", ...headers },
});

const MESSAGES: Record<string, string> = {
  NOT_FOUND: "The API key is not valid.",
  MALFORMED: "The API key is not valid.",
  REVOKED: "The API key has been revoked.",
  EXPIRED: "The API key has expired.",
  DISABLED: "The API key is disabled.",
};

/** Who presented the key: the address checked against its IP allow-list, and the user agent kept as where it was last used. */
export type Client = Pick<VerifyOptions, "ip" | "userAgent">;

/** Verifies a request's key: the result, or the refusal to answer with (401, 403 or 503). */
export async function check(key: string | null | undefined, options: AdapterOptions, client: Client = {}): Promise<Checked> {
  if (!key) return refusal(401, "unauthorized", "Send an API key as Authorization: Bearer <key>.", { "WWW-Authenticate": "Bearer" });
  let result: VerifyResult;
  try {
    result = await verifierFor(options).verify(key, { scopes: options.scopes, ...client });
  } catch (error) {
    if (error instanceof LatchkeyUnavailableError || error instanceof LatchkeyRequestError)
      return refusal(503, "service_unavailable", "API keys cannot be checked right now. Try again shortly.", { "Retry-After": "1" });
    throw error;
  }
  if (result.valid) return { ok: true, result };
  if (result.code === "INSUFFICIENT_SCOPES") return refusal(403, "forbidden", "The API key lacks a scope this request needs.");
  if (result.code === "FORBIDDEN") return refusal(403, "forbidden", "The API key may not be used from this address.");
  if (result.code === "RATE_LIMITED") {
    const resets = result.rate_limits.filter((l) => l.remaining === 0).map((l) => Date.parse(l.reset_at));
    const wait = Math.max(1, Math.ceil(((resets.length ? Math.max(...resets) : Date.now() + 1000) - Date.now()) / 1000));
    return refusal(429, "rate_limited", "The API key's rate limit is reached. Try again later.", { "Retry-After": String(wait) });
  }
  if (result.code === "USAGE_EXCEEDED") return refusal(429, "rate_limited", "The API key has no credits left.");
  return refusal(401, "unauthorized", MESSAGES[result.code] ?? "The API key is not valid.", { "WWW-Authenticate": "Bearer" });
}
