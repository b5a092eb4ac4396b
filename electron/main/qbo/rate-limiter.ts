// QuickBooks throttles per company (realm): 500 requests per minute (batches included), 10 in
// flight at once, 40 batch requests per minute. One limiter per realm keeps every caller in the
// app inside those limits, and a 429/503 slows the whole realm (not just the caller that saw it),
// because the server's counters are shared by all of them.
export type RequestKind = 'read' | 'write' | 'batch';

export interface LimiterOptions {
  requestsPerMinute?: number;
  maxConcurrent?: number;
  batchesPerMinute?: number;
  /** Shrinks the minute (timeScale 10 = 6 s), for benchmarks against a time-scaled sandbox. */
  timeScale?: number;
  now?: () => number;
  random?: () => number;
}

const DEFAULTS = { requestsPerMinute: 500, maxConcurrent: 10, batchesPerMinute: 40, timeScale: 1 };
/** Our send time and the server's arrival time differ by the network; leave a little slack. */
const WINDOW_SLACK_MS = 1_000;
const BACKOFF_START_MS = 1_000;
const BACKOFF_CAP_MS = 60_000;

interface Waiter {
  kind: RequestKind;
  admit: () => void;
}

export class RealmLimiter {
  readonly requestsPerMinute: number;
  readonly maxConcurrent: number;
  readonly batchesPerMinute: number;
  readonly timeScale: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly windowMs: number;
  private readonly sent: number[] = [];
  private readonly batches: number[] = [];
  private readonly queue: Waiter[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private consecutiveBackoffs = 0;
  private waveStartedAt = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  /** Observed peak concurrency, for tests and the benchmark. */
  peakInFlight = 0;
  backoffs = 0;

  constructor(options: LimiterOptions = {}) {
    this.requestsPerMinute = options.requestsPerMinute ?? DEFAULTS.requestsPerMinute;
    this.maxConcurrent = options.maxConcurrent ?? DEFAULTS.maxConcurrent;
    this.batchesPerMinute = options.batchesPerMinute ?? DEFAULTS.batchesPerMinute;
    this.timeScale = options.timeScale ?? DEFAULTS.timeScale;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.windowMs = (60_000 + WINDOW_SLACK_MS) / this.timeScale;
  }

  /** Runs `task` when the realm's limits allow; the slot is held until it settles. */
  async run<T>(kind: RequestKind, task: () => Promise<T>): Promise<T> {
    await new Promise<void>((admit) => {
      this.queue.push({ kind, admit });
      this.pump();
    });
    try {
      return await task();
    } finally {
      this.inFlight--;
      this.pump();
    }
  }

  /**
   * QuickBooks said 429 or 503: hold every request for this realm. Retry-After wins when given;
   * otherwise exponential from ~1 s with jitter, capped, so clients that collided spread out.
   * Throttles answering requests sent before the current back-off began belong to the same wave
   * and do not escalate it (ten 429s at once are one signal, not ten).
   */
  backOff(retryAfterMs: number | null | undefined, sentAt: number = this.now()): number {
    this.backoffs++;
    const now = this.now();
    const retryAfter = retryAfterMs != null && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? retryAfterMs : null;
    if (retryAfter === null && sentAt < this.waveStartedAt) return Math.max(0, this.pausedUntil - now);
    let delay: number;
    if (retryAfter !== null) {
      delay = retryAfter;
    } else {
      const base = Math.min(BACKOFF_CAP_MS, BACKOFF_START_MS * 2 ** this.consecutiveBackoffs) / this.timeScale;
      delay = base / 2 + (this.random() * base) / 2;
      this.consecutiveBackoffs++;
    }
    this.waveStartedAt = now;
    this.pausedUntil = Math.max(this.pausedUntil, now + delay);
    this.schedule(this.pausedUntil);
    return delay;
  }

  /** A request went through without a throttle: the realm is healthy again. */
  succeeded(): void {
    this.consecutiveBackoffs = 0;
  }

  /** Milliseconds until requests flow again (0 when not paused). */
  pausedFor(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  stats() {
    return { inFlight: this.inFlight, queued: this.queue.length, peakInFlight: this.peakInFlight, backoffs: this.backoffs };
  }

  private pump(): void {
    const now = this.now();
    const cutoff = now - this.windowMs;
    while (this.sent.length && (this.sent[0] as number) <= cutoff) this.sent.shift();
    while (this.batches.length && (this.batches[0] as number) <= cutoff) this.batches.shift();

    if (now < this.pausedUntil) return this.schedule(this.pausedUntil);
    for (let i = 0; i < this.queue.length && this.inFlight < this.maxConcurrent; ) {
      if (this.sent.length >= this.requestsPerMinute) break;
      const waiter = this.queue[i] as Waiter;
      if (waiter.kind === 'batch' && this.batches.length >= this.batchesPerMinute) {
        i++; // a read or a single write may still pass a batch that must wait for the window
        continue;
      }
      this.queue.splice(i, 1);
      this.sent.push(now);
      if (waiter.kind === 'batch') this.batches.push(now);
      this.inFlight++;
      this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
      waiter.admit();
    }
    if (this.queue.length === 0) return;
    // Wake when the oldest counted request leaves the window (concurrency wakes us on release).
    const blockers = [this.sent.length >= this.requestsPerMinute ? this.sent[0] : undefined, this.batches[0]].filter(
      (t): t is number => t !== undefined,
    );
    if (blockers.length) this.schedule(Math.min(...blockers) + this.windowMs + 1);
  }

  private schedule(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, Math.max(0, at - this.now()));
  }
}

/** One limiter per realm, shared by every QuickBooks call in the process. */
export class RateLimiterRegistry {
  private readonly realms = new Map<string, RealmLimiter>();
  constructor(private readonly options: LimiterOptions = {}) {}

  forRealm(realmId: string): RealmLimiter {
    let limiter = this.realms.get(realmId);
    if (!limiter) {
      limiter = new RealmLimiter(this.options);
      this.realms.set(realmId, limiter);
    }
    return limiter;
  }
}
