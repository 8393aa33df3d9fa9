import { Redis } from "ioredis";
import { describeError, log } from "../../core/log";
import { type LimitCheck, type LimitVerdict, limitVerdict, MAX_CREDITS, periodStart, windowState } from "../../core/limits";
import { DomainError } from "../../core/errors";
import { adjustInDatabase, loadBalance, writeBalance } from "./counters";
import type { CreditsOp, LimitStore } from "./types";

// Rate limits and credits in Redis (REDIS_URL): exact across any number of instances, because
// each verification's whole decision is one server-side script, which Redis runs atomically.
// Keys, all tagged with the counter's id so that they hash to one cluster slot:
// - lk:{<counter>}:rl:<name>:<window ms>  a hash of window index → count (the two latest kept);
// - lk:{<counter>}:cr                      a hash: remaining, amount, interval, refilled (epoch ms).
// The credits hash is filled from the database on first use, and written back to it every second.
// If Redis is lost, rate limits fail open (the request is not limited) and credits fail closed
// (503): each logged once per outage.

const CHECK = `
local now = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local credits = ARGV[4] == "1"
local weighted = {}
local allowed = true
for i = 1, n do
  local limit = tonumber(ARGV[3 + 2 * i])
  local win = tonumber(ARGV[4 + 2 * i])
  local idx = math.floor(now / win)
  local cur = tonumber(redis.call("HGET", KEYS[i], tostring(idx)) or "0")
  local prev = tonumber(redis.call("HGET", KEYS[i], tostring(idx - 1)) or "0")
  local w = math.floor(prev * (1 - (now - idx * win) / win)) + cur
  weighted[i] = w
  if w + cost > limit then allowed = false end
end
local remaining = -1
local ok = 1
if credits then
  local ck = KEYS[n + 1]
  if redis.call("EXISTS", ck) == 0 then return {"load"} end
  remaining = tonumber(redis.call("HGET", ck, "remaining"))
  local interval = redis.call("HGET", ck, "interval")
  if interval == "daily" or interval == "monthly" then
    local start = tonumber(interval == "daily" and ARGV[5 + 2 * n] or ARGV[6 + 2 * n])
    if tonumber(redis.call("HGET", ck, "refilled")) < start then
      remaining = tonumber(redis.call("HGET", ck, "amount"))
      redis.call("HSET", ck, "remaining", remaining, "refilled", now)
      redis.call("SADD", KEYS[n + 2], ARGV[7 + 2 * n])
    end
  end
  if allowed then
    if remaining < cost then ok = 0
    elseif cost > 0 then
      remaining = remaining - cost
      redis.call("HSET", ck, "remaining", remaining)
      redis.call("SADD", KEYS[n + 2], ARGV[7 + 2 * n])
    end
  end
end
if allowed and ok == 1 and cost > 0 then
  for i = 1, n do
    local win = tonumber(ARGV[4 + 2 * i])
    local idx = math.floor(now / win)
    redis.call("HINCRBY", KEYS[i], tostring(idx), cost)
    redis.call("HDEL", KEYS[i], tostring(idx - 2))
    redis.call("PEXPIRE", KEYS[i], 2 * win + 1000)
  end
end
local out = {allowed and 1 or 0, ok, remaining}
for i = 1, n do out[3 + i] = weighted[i] end
return out`;

// Fills a counter's credits hash unless another instance did first.
const LOAD = `
if redis.call("EXISTS", KEYS[1]) == 1 then return 0 end
redis.call("HSET", KEYS[1], "remaining", ARGV[1], "amount", ARGV[2], "interval", ARGV[3], "refilled", ARGV[4])
return 1`;

// A credits operation: set, increment or decrement (not below 0), on a filled hash; -1 when it is not filled.
const ADJUST = `
if redis.call("EXISTS", KEYS[1]) == 0 then return -1 end
local remaining = tonumber(redis.call("HGET", KEYS[1], "remaining"))
local amount = tonumber(ARGV[2])
if ARGV[1] == "set" then remaining = amount
elseif ARGV[1] == "increment" then remaining = math.min(remaining + amount, 1000000000)
else remaining = math.max(remaining - amount, 0) end
redis.call("HSET", KEYS[1], "remaining", remaining)
return remaining`;

const DIRTY = "lk:credits:dirty";
const WRITE_BACK_MS = 1_000;

type CommandedRedis = Redis & {
  lkCheck(...args: (string | number)[]): Promise<(string | number)[]>;
  lkLoad(key: string, ...args: (string | number)[]): Promise<number>;
  lkAdjust(key: string, op: string, amount: number, max: number): Promise<number>;
};

const rateKey = (counterId: string, name: string, windowMs: number) => `lk:{${counterId}}:rl:${name}:${windowMs}`;
const creditsKey = (counterId: string) => `lk:{${counterId}}:cr`;

export class RedisStore implements LimitStore {
  readonly kind = "redis";
  readonly #redis: CommandedRedis;
  readonly #changed = new Set<string>();
  #down = false;
  /** Settles when the first connection is ready: until then a command waits for it (up to a second) rather than fail. */
  #firstReady: Promise<void>;
  #timer: NodeJS.Timeout;

  constructor(url: string) {
    this.#redis = new Redis(url, {
      // A verification must not wait for a reconnection: a command fails at once while Redis is away.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectTimeout: 1_000,
      retryStrategy: (times) => Math.min(50 * times, 1_000),
      lazyConnect: false,
    }) as CommandedRedis;
    this.#firstReady = new Promise<void>((resolve) => this.#redis.once("ready", () => resolve()));
    this.#redis.on("error", (error) => this.#lost(error));
    this.#redis.on("ready", () => {
      if (this.#down) log.info({}, "Redis is back: rate limits and credits are counted there again");
      this.#down = false;
    });
    this.#redis.defineCommand("lkCheck", { lua: CHECK });
    this.#redis.defineCommand("lkLoad", { numberOfKeys: 1, lua: LOAD });
    this.#redis.defineCommand("lkAdjust", { numberOfKeys: 1, lua: ADJUST });
    this.#timer = setInterval(() => void this.#writeBack().catch(() => undefined), WRITE_BACK_MS);
    this.#timer.unref();
  }

  /** Logged once per outage. */
  #lost(error: unknown): void {
    if (this.#down) return;
    this.#down = true;
    log.error(
      { error: describeError(error) },
      "Redis cannot be reached: rate limits fail open (requests are not limited) and keys with credits get 503 until it is back",
    );
  }

  async check(check: LimitCheck): Promise<LimitVerdict> {
    const { counterId, rateLimits, cost, now } = check;
    const keys = rateLimits.map((l) => rateKey(counterId, l.name, l.window_seconds * 1000));
    const credits = check.credits ? [creditsKey(counterId), DIRTY] : [];
    const args = [
      keys.length + credits.length,
      ...keys,
      ...credits,
      now,
      cost,
      rateLimits.length,
      check.credits ? "1" : "0",
      ...rateLimits.flatMap((l) => [l.limit, l.window_seconds * 1000]),
      periodStart("daily", now),
      periodStart("monthly", now),
      counterId,
    ];
    let reply: (string | number)[];
    try {
      if (this.#redis.status !== "ready")
        await Promise.race([this.#firstReady, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      reply = await this.#redis.lkCheck(...args);
      if (reply[0] === "load") {
        const balance = await loadBalance(counterId);
        if (!balance) return this.check({ ...check, credits: false });
        await this.#redis.lkLoad(
          creditsKey(counterId),
          balance.remaining,
          balance.refillAmount ?? 0,
          balance.refillInterval ?? "",
          balance.refilledAt,
        );
        reply = await this.#redis.lkCheck(...args);
      }
    } catch (error) {
      this.#lost(error);
      if (check.credits) throw unavailable("Credits cannot be checked: the rate-limit store (Redis) cannot be reached.");
      // Rate limits fail open: the request is allowed, and nothing is counted.
      return limitVerdict(
        rateLimits.map((limit) => windowState(limit, 0, now)),
        false,
        null,
      );
    }
    const [allowed, ok, remaining] = reply.map(Number) as [number, number, number];
    const states = rateLimits.map((limit, i) => windowState(limit, Number(reply[3 + i]) + (allowed && ok ? cost : 0), now));
    return limitVerdict(states, allowed === 0, check.credits ? { ok: ok === 1, remaining } : null);
  }

  async adjust(counterId: string, op: CreditsOp, amount: number): Promise<number | null> {
    const inRedis = await this.#redis.lkAdjust(creditsKey(counterId), op, amount, MAX_CREDITS).catch((error: unknown) => {
      this.#lost(error);
      throw unavailable("Credits cannot be changed: the rate-limit store (Redis) cannot be reached.");
    });
    this.#changed.add(counterId);
    // Not in Redis: the database holds the balance, and Redis will read it on next use.
    if (inRedis < 0) return adjustInDatabase(counterId, op, amount);
    // A set is a new starting balance in the database too; otherwise the balance is written as it is.
    if (op === "set") await adjustInDatabase(counterId, "set", inRedis);
    else await this.#writeOne(counterId);
    return inRedis;
  }

  async forget(counterId: string): Promise<void> {
    await this.#redis.del(creditsKey(counterId)).catch((error: unknown) => {
      this.#lost(error);
      throw unavailable("Credits cannot be changed: the rate-limit store (Redis) cannot be reached.");
    });
  }

  async #writeOne(counterId: string): Promise<void> {
    const [remaining, refilled] = await this.#redis.hmget(creditsKey(counterId), "remaining", "refilled");
    if (remaining === null || refilled === null) return;
    await writeBalance(counterId, { remaining: Number(remaining), refilledAt: Number(refilled) });
  }

  /** Every second: the balances verifications changed (on any instance) go to the database. */
  async #writeBack(): Promise<void> {
    if (this.#down) return;
    const ids = await this.#redis.spop(DIRTY, 1000);
    for (const counterId of ids) {
      await this.#writeOne(counterId);
      this.#changed.add(counterId);
    }
  }

  async drain(): Promise<string[]> {
    await this.#writeBack().catch(() => undefined);
    const changed = [...this.#changed];
    this.#changed.clear();
    return changed;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#writeBack().catch(() => undefined);
    this.#redis.disconnect();
  }
}

const unavailable = (message: string) => new DomainError("service_unavailable", message);
