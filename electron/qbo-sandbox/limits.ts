// QBO's throttles, per realm: 500 requests per minute (batch calls included), 10 requests
// in flight at once, 40 batch calls per minute. Sliding windows; a time scale shrinks the
// window (timeScale 10 turns 60 s into 6 s) so tests reach the limits in seconds.

export interface LimitSettings {
  enabled: boolean;
  timeScale: number;
}

const REQUESTS_PER_MINUTE = 500;
const MAX_CONCURRENT = 10;
const BATCHES_PER_MINUTE = 40;

interface RealmWindow {
  requests: number[];
  batches: number[];
  inFlight: number;
}

export class RateLimiter {
  private readonly realms = new Map<string, RealmWindow>();

  constructor(
    public settings: LimitSettings,
    private readonly now: () => number,
  ) {}

  get windowMs(): number {
    return 60_000 / this.settings.timeScale;
  }

  /**
   * Admits a request or says why not. Refused requests are not counted, so a client that
   * backs off recovers as soon as the window slides. Call the returned release when done.
   */
  admit(realmId: string, isBatch: boolean): { release: () => void } | undefined {
    const w = this.realms.get(realmId) ?? { requests: [], batches: [], inFlight: 0 };
    this.realms.set(realmId, w);
    // Prune even while disabled, so the windows stay small and correct when re-enabled.
    const cutoff = this.now() - this.windowMs;
    while (w.requests.length && (w.requests[0] as number) <= cutoff) w.requests.shift();
    while (w.batches.length && (w.batches[0] as number) <= cutoff) w.batches.shift();
    if (this.settings.enabled) {
      if (w.inFlight >= MAX_CONCURRENT) return undefined;
      if (w.requests.length >= REQUESTS_PER_MINUTE) return undefined;
      if (isBatch && w.batches.length >= BATCHES_PER_MINUTE) return undefined;
    }
    const at = this.now();
    w.requests.push(at);
    if (isBatch) w.batches.push(at);
    w.inFlight++;
    let released = false;
    return {
      release: () => {
        if (!released) w.inFlight--;
        released = true;
      },
    };
  }

  clear(): void {
    this.realms.clear();
  }
}
