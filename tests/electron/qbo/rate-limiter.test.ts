// The per-realm limiter against the sandbox's real throttles (time-scaled so a "minute" passes
// in seconds): under 10 in flight, no 429s in normal use, and when QuickBooks does throttle, the
// whole realm waits before sending anything more.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQboClient } from '../../../electron/main/qbo/qbo-client';
import { RateLimiterRegistry, RealmLimiter, type LimiterOptions, type RequestKind } from '../../../electron/main/qbo/rate-limiter';
import type { TokenKeeper } from '../../../electron/main/qbo/token-keeper';
import { latencyGate } from '../qbo-sandbox/helpers';
import { connectedKeeper, control, startRecordingProxy, startTestSandbox } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

let dir: string;
let keeper: TokenKeeper;
/** Holds the sandbox's answers while shut, so requests stay in flight until the test lets them go. */
const gate = latencyGate();
/** QuickBooks' clock (the sandbox's, and a limiter's when a test hands it over): real time until a test stops it to move it by hand. */
const qboTime = (() => {
  let stopped: number | null = null;
  return {
    now: () => stopped ?? Date.now(),
    stop: () => void (stopped = Date.now()),
    advance: (ms: number) => void (stopped = (stopped ?? Date.now()) + ms),
    run: () => void (stopped = null),
  };
})();

const sandbox = useSandbox(() => startTestSandbox({ limits: { enabled: true, timeScale: 1 }, wait: gate.wait, now: qboTime.now }));
const proxy = useSandbox(() => startRecordingProxy(sandbox.url));
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tn-limiter-'));
  ({ keeper } = await connectedKeeper(sandbox, proxy.url, dir));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  gate.open();
  qboTime.run();
  await control(sandbox, 'faults', { latencyMs: 0, errorRate: 0 });
  await control(sandbox, 'limits', { enabled: true, timeScale: 1 });
  proxy.resetPeak();
});

const clientWith = (options: LimiterOptions) => createQboClient({ apiBase: () => proxy.url, tokens: keeper, limiters: new RateLimiterRegistry(options) });

/**
 * Watches a realm's limiter: in the order they happen, each attempt's start and each pause a throttle
 * set (with the delay the limiter scheduled), on the limiter's own clock and tagged with the caller
 * (`as(caller, call)` runs a call as that caller).
 */
function watchLimiter(limiter: RealmLimiter) {
  const callers = new AsyncLocalStorage<number>();
  const starts: Array<{ caller: number | undefined; at: number; seq: number }> = [];
  const pauses: Array<{ caller: number | undefined; at: number; delay: number; seq: number }> = [];
  let seq = 0;
  const run = limiter.run.bind(limiter);
  const backOff = limiter.backOff.bind(limiter);
  limiter.run = <T>(kind: RequestKind, task: () => Promise<T>) =>
    run(kind, () => {
      starts.push({ caller: callers.getStore(), at: Date.now(), seq: seq++ });
      return task();
    });
  limiter.backOff = (retryAfterMs, sentAt) => {
    const at = Date.now();
    const delay = backOff(retryAfterMs, sentAt);
    pauses.push({ caller: callers.getStore(), at, delay, seq: seq++ });
    return delay;
  };
  return { starts, pauses, as: <T>(caller: number, call: () => Promise<T>) => callers.run(caller, call) };
}

describe('against the sandbox throttles', () => {
  it('keeps at most 10 requests in flight and meets no 429 under a burst of 40', async () => {
    gate.shut();
    await control(sandbox, 'faults', { latencyMs: 80 });
    const limiters = new RateLimiterRegistry({});
    const client = createQboClient({ apiBase: () => proxy.url, tokens: keeper, limiters });
    const before = proxy.apiCalls().length;
    const all = Promise.all(Array.from({ length: 40 }, () => client.query('select * from Item MAXRESULTS 1')));
    // Ten reach QuickBooks and are held there; the limiter keeps the other thirty back.
    await vi.waitFor(() => expect(gate.held()).toBe(10), { timeout: 15_000 });
    expect(limiters.forRealm(sandbox.realmId).stats()).toMatchObject({ inFlight: 10, queued: 30 });
    expect(proxy.apiCalls().length - before).toBe(10);
    gate.open();
    await all;
    const sent = proxy.apiCalls().slice(before);
    expect(sent).toHaveLength(40);
    expect(sent.filter((r) => r.status === 429)).toEqual([]);
    expect(proxy.peakApiInFlight()).toBe(10);
  });

  it('keeps within 40 batches per (time-scaled) minute', async () => {
    await control(sandbox, 'limits', { enabled: true, timeScale: 20 }); // a minute lasts 3 s
    // The limiter and QuickBooks read one clock, stopped: time moves only when the test moves it, so
    // a slow network or a busy machine cannot shift one window against the other.
    qboTime.stop();
    const limiters = new RateLimiterRegistry({ timeScale: 20, now: qboTime.now });
    const client = createQboClient({ apiBase: () => proxy.url, tokens: keeper, limiters });
    const before = proxy.apiCalls().length;
    const all = Promise.all(Array.from({ length: 50 }, () => client.batch([{ bId: 'q', operation: 'query', query: 'select * from Item MAXRESULTS 1' }], crypto.randomUUID())));
    // 40 batches fill the window; the limiter holds the other ten back...
    const answered = () => proxy.apiCalls().slice(before).filter((r) => r.status !== null).length;
    await vi.waitFor(() => expect([answered(), limiters.forRealm(sandbox.realmId).stats().queued]).toEqual([40, 10]), { timeout: 15_000 });
    // ...until the first of them has left the limiter's window (a minute and a second, scaled).
    qboTime.advance(3_051);
    await all;
    const sent = proxy.apiCalls().slice(before);
    expect(sent.filter((r) => r.status === 429)).toEqual([]);
    expect(sent.filter((r) => r.status === 200)).toHaveLength(50);
  });

  it('backs the whole realm off after a 429 and retries each throttled request only after the pause', async () => {
    gate.shut();
    await control(sandbox, 'faults', { latencyMs: 150 });
    // A limiter that believes in 25 concurrent requests, so the server's 10 is what stops it.
    const limiters = new RateLimiterRegistry({ maxConcurrent: 25, timeScale: 2 });
    const client = createQboClient({ apiBase: () => proxy.url, tokens: keeper, limiters });
    const seen = watchLimiter(limiters.forRealm(sandbox.realmId));
    const before = proxy.apiCalls().length;
    // MAXRESULTS tells the 35 callers apart on the wire.
    const all = Promise.all(Array.from({ length: 35 }, (_, i) => seen.as(i, () => client.query(`select * from Item MAXRESULTS ${i + 1}`))));
    // Ten are held in flight at QuickBooks; the next ones meet its limit of 10 and are throttled.
    await vi.waitFor(() => expect([gate.held(), seen.pauses.length > 0]).toEqual([10, true]), { timeout: 15_000 });
    gate.open();
    const results = await all;
    expect(results).toHaveLength(35);
    const sent = proxy.apiCalls().slice(before);
    const caller = (r: (typeof sent)[number]) => /MAXRESULTS (\d+)/.exec(r.search.get('query') ?? '')?.[1];
    expect(sent.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(new Set(sent.filter((r) => r.status === 200).map(caller)).size).toBe(35);
    // The back-off's first step is 1 s at timeScale 2 = 500 ms, jittered to 250-500 ms: that is the
    // pause the limiter scheduled, whatever the machine's load made of the wall-clock gaps.
    expect(seen.pauses.length).toBeGreaterThan(0);
    expect(seen.pauses[0]!.delay).toBeGreaterThanOrEqual(250);
    expect(seen.pauses[0]!.delay).toBeLessThanOrEqual(500);
    // Each throttled caller's next attempt started no earlier than the pause its throttle set, read
    // on the limiter's own clock (the realm-wide hold is tested on the limiter itself below).
    for (const pause of seen.pauses) {
      const retry = seen.starts.find((s) => s.caller === pause.caller && s.seq > pause.seq);
      expect(retry, `caller ${pause.caller} retried`).toBeDefined();
      expect(retry!.at).toBeGreaterThanOrEqual(pause.at + pause.delay);
    }
  });

  it('rides out 503s by backing off and retrying the same request', async () => {
    await control(sandbox, 'faults', { errorRate: 0.3, seed: 7 });
    const client = clientWith({ timeScale: 10 });
    const before = proxy.apiCalls().length;
    await Promise.all(Array.from({ length: 20 }, () => client.query('select * from Item MAXRESULTS 1')));
    const sent = proxy.apiCalls().slice(before);
    expect(sent.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    expect(sent.filter((r) => r.status === 200)).toHaveLength(20);
  });
});

describe('RealmLimiter on its own', () => {
  // The limiter's clock and timers are faked, so what is checked is when it lets each request go,
  // not how late a busy machine ran it.
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Starts `count` requests of `kind` and records the (fake) instant each one is let through. */
  function startMany(limiter: RealmLimiter, count: number, kind: (i: number) => RequestKind) {
    const starts: number[] = [];
    const done = Promise.all(Array.from({ length: count }, (_, i) => limiter.run(kind(i), async () => void starts.push(Date.now()))));
    return { starts, done };
  }

  it('spreads requests over the sliding window when the per-minute budget is spent', async () => {
    const limiter = new RealmLimiter({ requestsPerMinute: 5, timeScale: 120 }); // window (61 s) / 120 ≈ 508 ms
    const t0 = Date.now();
    const { starts, done } = startMany(limiter, 10, () => 'read');
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toEqual([t0, t0, t0, t0, t0]);
    await vi.advanceTimersByTimeAsync(508);
    expect(starts).toHaveLength(5); // the first five are still inside the window
    await vi.advanceTimersByTimeAsync(2);
    await done;
    expect(starts).toHaveLength(10);
    for (const start of starts.slice(5)) expect(start).toBeGreaterThan(t0 + 508);
  });

  it('lets a 41st batch go only when the first has left the window, while reads pass it', async () => {
    const limiter = new RealmLimiter({ timeScale: 20, maxConcurrent: 100 }); // window (61 s) / 20 = 3,050 ms
    const t0 = Date.now();
    const batches = startMany(limiter, 41, () => 'batch');
    await vi.advanceTimersByTimeAsync(0);
    expect(batches.starts).toHaveLength(40);
    const read = startMany(limiter, 1, () => 'read');
    await vi.advanceTimersByTimeAsync(0);
    expect(read.starts).toEqual([t0]);
    await vi.advanceTimersByTimeAsync(3_049);
    expect(batches.starts).toHaveLength(40);
    await vi.advanceTimersByTimeAsync(2);
    await batches.done;
    expect(batches.starts.at(-1)).toBe(t0 + 3_051);
  });

  it('holds every caller of the realm during a back-off, not only the one that was throttled', async () => {
    const limiter = new RealmLimiter({});
    const t0 = Date.now();
    limiter.backOff(300); // a 429 with Retry-After: 300 ms
    const { starts, done } = startMany(limiter, 5, (i) => (i % 2 ? 'read' : 'batch'));
    await vi.advanceTimersByTimeAsync(299);
    expect(starts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(starts).toEqual([t0 + 300, t0 + 300, t0 + 300, t0 + 300, t0 + 300]);
  });

  it('honours Retry-After over its own back-off', () => {
    let now = 1_000_000;
    const limiter = new RealmLimiter({ now: () => now });
    expect(limiter.backOff(7_000)).toBe(7_000);
    expect(limiter.pausedFor()).toBe(7_000);
    now += 2_000;
    expect(limiter.pausedFor()).toBe(5_000);
  });

  it('grows the back-off on repeated throttles, with jitter, up to a cap', () => {
    let now = 0;
    const limiter = new RealmLimiter({ now: () => now, random: () => 1 });
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      delays.push(limiter.backOff(null, now));
      now += 100_000;
    }
    expect(delays.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(Math.max(...delays)).toBe(60_000);
    limiter.succeeded();
    expect(limiter.backOff(null, now)).toBe(1000);
  });
});
