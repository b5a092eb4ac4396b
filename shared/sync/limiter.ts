// One limiter per realm, as pure state the runner keeps (in memory or in Dexie) and feeds the
// clock. QBO's limits (docs/qbo-api.md §6.1–6.2): 500 requests/min per realm, where each batch item
// is metered like a call; 40 batch requests/min per realm (the safe ceiling of 40/120); at most 10
// concurrent requests. We default to one request in flight: writes to one realm are serial, which
// also keeps the order of a row and its follow-up obvious.

export interface RealmLimits {
  requestsPerMinute: number;
  batchesPerMinute: number;
  maxInFlight: number;
}

export const QBO_REALM_LIMITS: RealmLimits = { requestsPerMinute: 500, batchesPerMinute: 40, maxInFlight: 1 };

export interface LimiterState {
  /** Requests sent in the last minute, oldest first: when, how many calls they count for, batch or not. */
  recent: Array<{ at: number; calls: number; batch: boolean }>;
  inFlight: number;
}

export const emptyLimiter = (): LimiterState => ({ recent: [], inFlight: 0 });

const WINDOW_MS = 60_000;

export type Admission = { ok: true; state: LimiterState } | { ok: false; waitMs: number; reason: 'in_flight' | 'batches' | 'requests' };

/**
 * Whether a request may start now. A batch of n items counts as one batch and n calls; a single
 * request as one call. On admission the request is recorded and counted in flight; call
 * `finished` when its answer (or failure) arrives. `waitMs` is 0 when only in-flight work blocks.
 */
export function admit(state: LimiterState, now: number, request: { batchItems?: number }, limits: RealmLimits = QBO_REALM_LIMITS): Admission {
  const recent = state.recent.filter((r) => r.at > now - WINDOW_MS);
  if (state.inFlight >= limits.maxInFlight) return { ok: false, waitMs: 0, reason: 'in_flight' };
  const batch = request.batchItems !== undefined;
  const calls = batch ? Math.max(1, request.batchItems!) : 1;
  // When does enough of the window expire for this request to fit?
  const waitUntil = (fits: (window: typeof recent) => boolean): number => {
    let i = 0;
    while (!fits(recent.slice(i)) && i < recent.length) i++;
    return i === 0 ? 0 : recent[i - 1]!.at + WINDOW_MS - now;
  };
  if (batch) {
    const wait = waitUntil((w) => w.filter((r) => r.batch).length < limits.batchesPerMinute);
    if (wait > 0) return { ok: false, waitMs: wait, reason: 'batches' };
  }
  const wait = waitUntil((w) => w.reduce((s, r) => s + r.calls, 0) + calls <= limits.requestsPerMinute);
  if (wait > 0) return { ok: false, waitMs: wait, reason: 'requests' };
  return { ok: true, state: { recent: [...recent, { at: now, calls, batch }], inFlight: state.inFlight + 1 } };
}

export function finished(state: LimiterState): LimiterState {
  return { ...state, inFlight: Math.max(0, state.inFlight - 1) };
}

// ---- One run at a time --------------------------------------------------------------------------

/**
 * A lease on "the sync run", stored in one Dexie row and changed only inside a transaction, so two
 * windows (or a window and a stale run after a crash) never drain the outbox at once. The lease
 * expires so a crashed run cannot block forever; a live run renews it between batches.
 */
export interface RunLease {
  owner: string;
  acquiredAt: number;
  expiresAt: number;
}

export type LeaseResult = { ok: true; lease: RunLease } | { ok: false; heldBy: string; retryInMs: number };

export function acquireRun(current: RunLease | null, owner: string, now: number, ttlMs: number): LeaseResult {
  if (current && current.owner !== owner && current.expiresAt > now) {
    return { ok: false, heldBy: current.owner, retryInMs: current.expiresAt - now };
  }
  const acquiredAt = current && current.owner === owner && current.expiresAt > now ? current.acquiredAt : now;
  return { ok: true, lease: { owner, acquiredAt, expiresAt: now + ttlMs } };
}

/** Null when released; the unchanged lease when it belongs to someone else. */
export function releaseRun(current: RunLease | null, owner: string): RunLease | null {
  return current && current.owner === owner ? null : current;
}
