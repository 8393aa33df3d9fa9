import "server-only";
import { db } from "../../platform/db";
import { type DeliveryContext, type DeliveryEntry, deliverLeased, dueWhere, leaseMessage, releaseLeases } from "./deliver-message";

// Webhook deliveries of one worker, apart from its rotations and notices: a slow receiver
// (each attempt may take up to its 10 s timeout) must hold back neither a due rotation nor
// another receiver's webhooks. At most DELIVERY_CONCURRENCY sends are in flight, and at most
// DELIVERY_CONCURRENCY_PER_ORIGIN to one receiver (a URL's origin), so one that hangs takes two
// slots and the others keep going. A slot that frees up is filled from the due messages again.

export const DELIVERY_CONCURRENCY = 8;
export const DELIVERY_CONCURRENCY_PER_ORIGIN = 2;

type Slot = { origin: string; sending: boolean; done: Promise<void> };

export type DeliveryLaneOptions = {
  /** Called with each recorded attempt. */
  onEntry: (entry: DeliveryEntry) => void;
  /** Called when an attempt could not be recorded (the database failed); its lease then expires. */
  onError: (error: unknown) => void;
  /** At most this many attempts in all (one pass's limit); unlimited by default. */
  budget?: number;
  /** Fill a slot again as soon as it frees up (a running worker), rather than when `drain` asks. */
  refill?: boolean;
  concurrency?: number;
  perOrigin?: number;
};

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export class DeliveryLane {
  readonly #ctx: DeliveryContext;
  readonly #options: DeliveryLaneOptions;
  readonly #slots = new Map<string, Slot>();
  readonly #settled: (() => void)[] = [];
  #budget: number;
  #stopped = false;
  #filling: Promise<void> | undefined;
  #again = false;

  constructor(ctx: DeliveryContext, options: DeliveryLaneOptions) {
    this.#ctx = ctx;
    this.#options = options;
    this.#budget = options.budget ?? Infinity;
  }

  get inFlight(): number {
    return this.#slots.size;
  }

  /** Leases due messages into the free slots and starts sending them. Calls that overlap share one run. */
  fill(): Promise<void> {
    if (this.#filling) {
      this.#again = true;
      return this.#filling;
    }
    const run = async () => {
      try {
        do {
          this.#again = false;
          await this.#fillOnce();
        } while (this.#again && !this.#stopped);
      } finally {
        this.#filling = undefined;
      }
    };
    this.#filling = run();
    return this.#filling;
  }

  /** Sends until nothing due is left (or the budget is spent), and resolves once every attempt is recorded. */
  async drain(): Promise<void> {
    for (;;) {
      await this.fill();
      if (this.#slots.size === 0) return;
      await new Promise<void>((resolve) => this.#settled.push(resolve));
    }
  }

  /** Takes no more messages; sends not yet begun give their lease back. */
  stop(): void {
    this.#stopped = true;
  }

  /** Resolves when the lane has nothing in flight. */
  async idle(): Promise<void> {
    while (this.#filling || this.#slots.size > 0) {
      await Promise.all([this.#filling?.catch(() => undefined), ...[...this.#slots.values()].map((slot) => slot.done)]);
    }
  }

  /** After `stop`: gives back the leases of messages taken but not yet being sent, and returns how many are being sent. */
  async releaseUnsent(): Promise<number> {
    const unsent = [...this.#slots].filter(([, slot]) => !slot.sending).map(([id]) => id);
    await releaseLeases(unsent, this.#ctx);
    return this.#slots.size - unsent.length;
  }

  async #fillOnce(): Promise<void> {
    const { concurrency = DELIVERY_CONCURRENCY, perOrigin = DELIVERY_CONCURRENCY_PER_ORIGIN } = this.#options;
    while (!this.#stopped && this.#budget > 0 && this.#slots.size < concurrency) {
      const perOriginNow = new Map<string, number>();
      for (const { origin } of this.#slots.values()) perOriginNow.set(origin, (perOriginNow.get(origin) ?? 0) + 1);
      const full = [...perOriginNow].filter(([, n]) => n >= perOrigin).map(([origin]) => origin);
      const free = Math.min(concurrency - this.#slots.size, this.#budget);
      const candidates = await db().webhookMessage.findMany({
        where: {
          ...dueWhere(this.#ctx.clock(), new Date()),
          id: { notIn: [...this.#slots.keys()] },
          AND: full.map((origin) => ({ NOT: { url: { startsWith: origin } } })),
        },
        orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
        // A few more than the free slots: some may go to receivers that already have theirs.
        take: free + 8,
        select: { id: true, url: true },
      });
      let started = 0;
      for (const { id, url } of candidates) {
        if (this.#stopped || this.#budget <= 0 || this.#slots.size >= concurrency) break;
        const origin = originOf(url);
        if ((perOriginNow.get(origin) ?? 0) >= perOrigin) continue;
        if (!(await leaseMessage(id, this.#ctx))) continue; // another worker took it
        perOriginNow.set(origin, (perOriginNow.get(origin) ?? 0) + 1);
        this.#budget--;
        started++;
        this.#start(id, origin);
      }
      if (started === 0) return;
    }
  }

  #start(id: string, origin: string): void {
    const slot: Slot = { origin, sending: false, done: Promise.resolve() };
    this.#slots.set(id, slot);
    slot.done = deliverLeased(id, this.#ctx, { mayStart: () => !this.#stopped, sending: () => (slot.sending = true) })
      .then(
        (entry) => {
          if (entry) this.#options.onEntry(entry);
        },
        (error: unknown) => this.#options.onError(error),
      )
      .finally(() => {
        this.#slots.delete(id);
        this.#settled.splice(0).forEach((wake) => wake());
        if (this.#options.refill && !this.#stopped) this.fill().catch((error: unknown) => this.#options.onError(error));
      });
  }
}
