import { describe, expect, it } from 'vitest';
import { acquireRun, admit, emptyLimiter, finished, releaseRun, type LimiterState } from '../../../shared/sync/limiter';

const limits = { requestsPerMinute: 500, batchesPerMinute: 40, maxInFlight: 1 };

function sendBatches(count: number, items: number, start = 0, gap = 1000) {
  let state: LimiterState = emptyLimiter();
  for (let i = 0; i < count; i++) {
    const a = admit(state, start + i * gap, { batchItems: items }, limits);
    if (!a.ok) throw new Error(`refused batch ${i}: ${a.reason}`);
    state = finished(a.state);
  }
  return state;
}

describe('realm limiter', () => {
  it('keeps one request in flight', () => {
    const a = admit(emptyLimiter(), 0, { batchItems: 5 }, limits);
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(admit(a.state, 1, { batchItems: 5 }, limits)).toEqual({ ok: false, waitMs: 0, reason: 'in_flight' });
    expect(admit(finished(a.state), 1, { batchItems: 5 }, limits).ok).toBe(true);
  });

  it('allows 40 batches a minute and says when the 41st may go', () => {
    const state = sendBatches(40, 1);
    expect(admit(state, 40_000, { batchItems: 1 }, limits)).toEqual({ ok: false, waitMs: 20_000, reason: 'batches' });
    expect(admit(state, 60_000, { batchItems: 1 }, limits).ok).toBe(true);
  });

  it('counts every batch item against 500 calls a minute', () => {
    const state = sendBatches(16, 30); // 480 calls
    expect(admit(state, 16_000, { batchItems: 30 }, limits)).toEqual({ ok: false, waitMs: 44_000, reason: 'requests' });
    expect(admit(state, 16_000, { batchItems: 20 }, limits).ok).toBe(true);
    expect(admit(state, 16_000, {}, limits).ok).toBe(true);
  });
});

describe('run lease', () => {
  it('lets one owner run at a time, renews for the owner, and expires for a crashed run', () => {
    const a = acquireRun(null, 'window-1', 0, 30_000);
    expect(a).toEqual({ ok: true, lease: { owner: 'window-1', acquiredAt: 0, expiresAt: 30_000 } });
    if (!a.ok) return;
    expect(acquireRun(a.lease, 'window-2', 10_000, 30_000)).toEqual({ ok: false, heldBy: 'window-1', retryInMs: 20_000 });
    expect(acquireRun(a.lease, 'window-1', 10_000, 30_000)).toEqual({ ok: true, lease: { owner: 'window-1', acquiredAt: 0, expiresAt: 40_000 } });
    expect(acquireRun(a.lease, 'window-2', 30_000, 30_000).ok).toBe(true);
    expect(releaseRun(a.lease, 'window-2')).toBe(a.lease);
    expect(releaseRun(a.lease, 'window-1')).toBeNull();
  });
});
