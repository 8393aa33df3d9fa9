import { isLatchkeyFormat, isProjectKey, isUnusable, isWellFormed, keyHash } from "./key";
import { openChangeStream } from "./stream";

// @latchkey/sdk: verify Latchkey API keys inside your own process.
//
//   const verifier = createVerifier({ baseUrl: "https://latchkey.example.com", apiKey: "lk_app_…" });
//   const result = await verifier.verify(key, { scopes: ["invoices:read"] });
//   if (!result.valid) return new Response("Unauthorized", { status: 401 });
//
// The first verification of a key asks Latchkey; later ones are answered from a bounded cache,
// keyed by the key's SHA-256 (never the plaintext), while the verifier's change stream is live.
// Every change Latchkey makes to a key reaches the stream within a second and evicts it. A stream
// silent for a second stops the cache until it is back and caught up. See sdk/README.md.

export const VERIFY_CODES = [
  "VALID",
  "NOT_FOUND",
  "MALFORMED",
  "REVOKED",
  "EXPIRED",
  "DISABLED",
  "FORBIDDEN",
  "INSUFFICIENT_SCOPES",
  "RATE_LIMITED",
  "USAGE_EXCEEDED",
] as const;
export type VerifyCode = (typeof VERIFY_CODES)[number];

/** Exactly the body of POST /v1/api-keys/verify. */
export type VerifyResult = {
  valid: boolean;
  code: VerifyCode;
  key_id: string | null;
  project_id: string | null;
  environment_id: string | null;
  scopes: string[];
  expires_at: string | null;
  grace_expires_at: string | null;
  owner_id: string | null;
  meta: Record<string, unknown> | null;
  rate_limits: { name: string; limit: number; remaining: number; reset_at: string }[];
  credits_remaining: number | null;
};

/**
 * What the request being authorized says about its client. `ip` is checked against the key's IP
 * allow-list (a key with one is FORBIDDEN without it); both are kept as where the key was last used.
 */
export type VerifyOptions = {
  scopes?: string[];
  ip?: string;
  userAgent?: string;
  /** What this request costs in the key's rate limits and credits (0 to 1000, default 1). */
  cost?: number;
};

export type VerifierOptions = {
  /** Latchkey's address; LATCHKEY_URL when absent. */
  baseUrl?: string;
  /** An app API key of either role (a verifier key is enough); LATCHKEY_API_KEY when absent. */
  apiKey?: string;
  /** Answer repeated verifications from memory (default true); false asks Latchkey every time. */
  cache?: boolean;
  /** How many keys the cache holds at most (least recently used go first). Default 10,000. */
  maxEntries?: number;
  /** While Latchkey cannot be reached, cached answers stand for this long, then verify rejects. Default 60, the server's rule. */
  staleIfErrorSeconds?: number;
  /** How long a silent change stream is trusted. Default 1,000 ms. */
  streamSilenceMs?: number;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
  /** How often the usage of cached verifications is reported to Latchkey. Default 5,000 ms. */
  usageReportMs?: number;
};

export type VerifierStats = { hits: number; misses: number; entries: number; streamConnected: boolean; streamLive: boolean };

export type Verifier = {
  verify(key: string, options?: VerifyOptions): Promise<VerifyResult>;
  /** Ends the change stream and reports the usage not yet reported. */
  close(): Promise<void>;
  stats(): VerifierStats;
};

/** Latchkey could not answer (down, unreachable, 5xx), and no cached answer may stand in for it. */
export class LatchkeyUnavailableError extends Error {
  readonly code = "service_unavailable";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LatchkeyUnavailableError";
  }
}

/** Latchkey refused the call itself (the app API key is wrong or lacks the role): a configuration error. */
export class LatchkeyRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "LatchkeyRequestError";
  }
}

const refusal = (code: "MALFORMED" | "NOT_FOUND"): VerifyResult => ({
  valid: false,
  code,
  key_id: null,
  project_id: null,
  environment_id: null,
  scopes: [],
  expires_at: null,
  grace_expires_at: null,
  owner_id: null,
  meta: null,
  rate_limits: [],
  credits_remaining: null,
});

/** A cached answer as it stands now: expiry and grace ends against the clock, scopes against the request. */
export function answerFrom(base: VerifyResult, required: readonly string[] | undefined, now: number): VerifyResult {
  if (base.code !== "VALID" && base.code !== "INSUFFICIENT_SCOPES") return base;
  const ended = (at: string | null) => at !== null && Date.parse(at) <= now;
  let code: VerifyCode = "VALID";
  if (ended(base.expires_at) || ended(base.grace_expires_at)) code = "EXPIRED";
  else if (required?.some((scope) => !base.scopes.includes(scope))) code = "INSUFFICIENT_SCOPES";
  return code === base.code ? base : { ...base, valid: code === "VALID", code };
}

type Entry = { result: VerifyResult; keyId: string };
const OUTCOMES = ["valid", "revoked", "expired", "disabled", "forbidden", "insufficient_scopes"] as const;
type Outcome = (typeof OUTCOMES)[number];
type Tally = Record<Outcome, number> & { last: number; ip?: string; userAgent?: string };
const OUTCOME: Partial<Record<VerifyCode, Outcome>> = {
  VALID: "valid",
  REVOKED: "revoked",
  EXPIRED: "expired",
  DISABLED: "disabled",
  FORBIDDEN: "forbidden",
  INSUFFICIENT_SCOPES: "insufficient_scopes",
};
/** An IPv4 or IPv6 address, or undefined: an `ip` the server would refuse is not sent (a key with an allow-list is then FORBIDDEN, as without one). */
export function clientAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/%.*$/, "");
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(address)) return address;
  if (!address.includes(":") || !/^[0-9a-f:.]+$/i.test(address)) return undefined;
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
}

/** A user agent as the server takes it: at most 512 UTF-16 units, and no half of a surrogate pair. */
export function clientUserAgent(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value.slice(0, 512).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "") || undefined;
}

const emptyTally = (at: number): Tally => ({
  valid: 0,
  revoked: 0,
  expired: 0,
  disabled: 0,
  forbidden: 0,
  insufficient_scopes: 0,
  last: at,
});
/** The verify answer's header that says the verdict depended on the request's ip: it is not for another request. */
const CLIENT_DEPENDENT_HEADER = "latchkey-cache";
/** Usage held for keys while Latchkey cannot take it, at most. */
const MAX_TALLIES = 10_000;

export function createVerifier(options: VerifierOptions = {}): Verifier {
  const baseUrl = (options.baseUrl ?? process.env.LATCHKEY_URL ?? "").replace(/\/+$/, "");
  const apiKey = options.apiKey ?? process.env.LATCHKEY_API_KEY ?? "";
  if (!baseUrl) throw new TypeError("createVerifier needs baseUrl (or LATCHKEY_URL)");
  if (!apiKey) throw new TypeError("createVerifier needs apiKey (or LATCHKEY_API_KEY)");
  const fetchImpl = options.fetch ?? fetch;
  const useCache = options.cache ?? true;
  const maxEntries = options.maxEntries ?? 10_000;
  const staleMs = (options.staleIfErrorSeconds ?? 60) * 1000;
  const silenceMs = options.streamSilenceMs ?? 1_000;

  const entries = new Map<string, Entry>(); // by key hash, least recently used first
  const byKeyId = new Map<string, Set<string>>();
  // Keys changed while a verification of them was on the wire: its answer must not be kept.
  let changeCount = 0;
  const lastChange = new Map<string, number>();
  let lastBeat = 0;
  let outageSince: number | null = null;
  // Keys imported by hash from another key service (`latchkey import`) carry no checksum, so a
  // string not in Latchkey's format asks Latchkey, until Latchkey has said that this app holds no
  // imported keys (it answered MALFORMED for such a string). A reset of the stream, which an
  // import sends, forgets that again.
  let importsClosed = false;
  let resets = 0;
  const stats = { hits: 0, misses: 0 };

  // Verifications answered from the cache never reach Latchkey: they are counted here and
  // reported in batches (POST /v1/api-keys/usage), so that usage charts and last_used_at stay true.
  let tallies = new Map<string, Tally>();
  const tally = (result: VerifyResult, at: number, request: VerifyOptions) => {
    const outcome = OUTCOME[result.code];
    if (!outcome || !result.key_id) return;
    let entry = tallies.get(result.key_id);
    if (!entry) {
      if (tallies.size >= MAX_TALLIES) return;
      tallies.set(result.key_id, (entry = emptyTally(at)));
    }
    entry[outcome]++;
    entry.last = Math.max(entry.last, at);
    if (outcome === "valid") {
      const ip = clientAddress(request.ip);
      const userAgent = clientUserAgent(request.userAgent);
      if (ip) entry.ip = ip;
      if (userAgent) entry.userAgent = userAgent;
    }
  };
  let reporting: Promise<void> = Promise.resolve();
  const report = () =>
    (reporting = reporting.then(async () => {
      if (tallies.size === 0) return;
      const batch = tallies;
      tallies = new Map();
      const entries = [...batch];
      for (let i = 0; i < entries.length; i += 1000) {
        const keys = entries.slice(i, i + 1000).map(([key_id, t]) => ({
          key_id,
          last_verified_at: new Date(t.last).toISOString(),
          ...Object.fromEntries(OUTCOMES.map((o) => [o, t[o]])),
          ...(t.ip ? { last_ip: t.ip } : {}),
          ...(t.userAgent ? { last_user_agent: t.userAgent } : {}),
        }));
        try {
          const response = await fetchImpl(`${baseUrl}/v1/api-keys/usage`, {
            method: "POST",
            headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
            body: JSON.stringify({ keys }),
          });
          await response.body?.cancel();
          // A refusal of the report itself (a 4xx) would refuse it again: it is dropped. Anything else is kept for the next one.
          if (response.status >= 500) throw new Error(`usage report answered ${response.status}`);
        } catch {
          for (const [keyId, t] of entries.slice(i)) {
            const newer = tallies.get(keyId);
            if (!newer && tallies.size < MAX_TALLIES) tallies.set(keyId, t);
            else if (newer) {
              for (const o of OUTCOMES) newer[o] += t[o];
              newer.last = Math.max(newer.last, t.last);
            }
          }
          return;
        }
      }
    }));
  const reporter = useCache ? setInterval(() => void report(), options.usageReportMs ?? 5_000) : undefined;
  reporter?.unref?.();

  const forget = (hash: string) => {
    const entry = entries.get(hash);
    if (!entry) return;
    entries.delete(hash);
    const hashes = byKeyId.get(entry.keyId);
    hashes?.delete(hash);
    if (hashes?.size === 0) byKeyId.delete(entry.keyId);
  };
  const remember = (hash: string, result: VerifyResult) => {
    forget(hash);
    entries.set(hash, { result, keyId: result.key_id! });
    let hashes = byKeyId.get(result.key_id!);
    if (!hashes) byKeyId.set(result.key_id!, (hashes = new Set()));
    hashes.add(hash);
    while (entries.size > maxEntries) forget(entries.keys().next().value!);
  };
  const clear = () => {
    entries.clear();
    byKeyId.clear();
  };

  const stream = useCache
    ? openChangeStream(
        `${baseUrl}/v1/api-keys/changes`,
        apiKey,
        {
          change(keyId) {
            changeCount++;
            lastChange.set(keyId, changeCount);
            if (lastChange.size > 10_000) lastChange.delete(lastChange.keys().next().value!);
            for (const hash of [...(byKeyId.get(keyId) ?? [])]) forget(hash);
            lastBeat = Date.now();
          },
          reset() {
            changeCount++;
            resets++;
            importsClosed = false;
            lastChange.clear();
            clear();
          },
          heartbeat() {
            lastBeat = Date.now();
          },
          disconnected() {
            lastBeat = 0;
          },
        },
        fetchImpl,
      )
    : null;
  /** The cache is trusted while the stream is connected and has spoken within the last second. */
  const live = () => stream !== null && stream.connected() && Date.now() - lastBeat <= silenceMs;

  async function ask(key: string, request: VerifyOptions): Promise<{ result: VerifyResult; forThisRequest: boolean }> {
    let response: Response;
    const ip = clientAddress(request.ip);
    const userAgent = clientUserAgent(request.userAgent);
    const body = {
      key,
      ...(request.scopes ? { scopes: request.scopes } : {}),
      ...(request.cost !== undefined ? { cost: request.cost } : {}),
      ...(ip ? { ip } : {}),
      ...(userAgent ? { user_agent: userAgent } : {}),
    };
    try {
      response = await fetchImpl(`${baseUrl}/v1/api-keys/verify`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new LatchkeyUnavailableError("Latchkey cannot be reached.", { cause: error });
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new LatchkeyUnavailableError(`Latchkey answered ${response.status}.`);
    }
    const answer = (await response.json()) as VerifyResult & { error?: { code: string; message: string } };
    if (!response.ok)
      throw new LatchkeyRequestError(response.status, answer.error?.code ?? "error", answer.error?.message ?? "Latchkey refused the call.");
    return { result: answer, forThisRequest: response.headers.get(CLIENT_DEPENDENT_HEADER) === "no-store" };
  }

  async function verify(key: string, request: VerifyOptions = {}): Promise<VerifyResult> {
    if (typeof key !== "string" || isUnusable(key)) return refusal("MALFORMED");
    const latchkeyFormat = isLatchkeyFormat(key);
    if (latchkeyFormat) {
      if (!isWellFormed(key)) return refusal("MALFORMED");
      if (!isProjectKey(key)) return refusal("NOT_FOUND");
    } else if (importsClosed && live()) return refusal("MALFORMED");
    const hash = keyHash(key);
    const now = Date.now();
    const cached = useCache ? entries.get(hash) : undefined;
    if (cached && live()) {
      stats.hits++;
      // Most recently used last.
      entries.delete(hash);
      entries.set(hash, cached);
      const answer = answerFrom(cached.result, request.scopes, now);
      tally(answer, now, request);
      return answer;
    }
    stats.misses++;
    const asked = changeCount;
    const resetsBefore = resets;
    const wasLive = live();
    let result: VerifyResult;
    let forThisRequest: boolean;
    try {
      ({ result, forThisRequest } = await ask(key, request));
      outageSince = null;
    } catch (error) {
      if (!(error instanceof LatchkeyUnavailableError)) throw error;
      outageSince ??= now;
      // Out of reach, Latchkey would still refuse this string: its app holds no imported keys.
      if (!latchkeyFormat && importsClosed) return refusal("MALFORMED");
      // Latchkey is out of reach: a cached answer stands for staleIfErrorSeconds from the outage's start.
      if (cached && Date.now() - outageSince <= staleMs) {
        const answer = answerFrom(cached.result, request.scopes, Date.now());
        tally(answer, Date.now(), request);
        return answer;
      }
      throw error;
    }
    if (!latchkeyFormat && result.code === "MALFORMED" && resets === resetsBefore && wasLive && live()) importsClosed = true;
    // Kept only when the stream could have told of every change since the question was asked, and
    // when the verdict holds for any request (a key with an IP allow-list is asked every time).
    const changedMeanwhile = result.key_id !== null && (lastChange.get(result.key_id) ?? 0) > asked;
    if (useCache && result.key_id !== null && !forThisRequest && wasLive && live() && !changedMeanwhile) remember(hash, result);
    else if (cached) forget(hash);
    return result;
  }

  return {
    verify,
    close: async () => {
      stream?.close();
      if (reporter) clearInterval(reporter);
      clear();
      await report();
    },
    stats: () => ({ ...stats, entries: entries.size, streamConnected: stream?.connected() ?? false, streamLive: live() }),
  };
}

export { type Answer, type Client, type ClientOptions, createClient, type LatchkeyError, type PathsWith } from "./client";
export type { components, operations, paths } from "./schema";
