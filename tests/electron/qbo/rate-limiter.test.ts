// The per-realm limiter against the sandbox's real throttles (time-scaled so a "minute" passes
// in seconds): under 10 in flight, no 429s in normal use, and when QuickBooks does throttle, the
// whole realm waits before sending anything more.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIntuitClient } from '../../../electron/main/qbo/intuit-client';
import { createQboClient } from '../../../electron/main/qbo/qbo-client';
import { RateLimiterRegistry, RealmLimiter, type LimiterOptions } from '../../../electron/main/qbo/rate-limiter';
import { TokenKeeper } from '../../../electron/main/qbo/token-keeper';
import { fileSecretStore } from '../../../electron/main/secrets/file-secret-store';
import type { RunningSandbox } from '../../qbo-sandbox/index';
import { control, localConfig, manualClock, startRecordingProxy, startTestSandbox } from './helpers';

let sandbox: RunningSandbox;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let dir: string;
let keeper: TokenKeeper;

beforeAll(async () => {
  sandbox = await startTestSandbox({ limits: { enabled: true, timeScale: 1 } });
  proxy = await startRecordingProxy(sandbox.url);
  dir = await mkdtemp(join(tmpdir(), 'tn-limiter-'));
  const clock = manualClock();
  const intuit = await createIntuitClient(localConfig(proxy.url), 'http://127.0.0.1/callback');
  keeper = new TokenKeeper({ store: fileSecretStore(dir), clock, refresher: () => (rt, r, at) => intuit.refresh(rt, r, at), onReconnectRequired: () => {} });
  const t = await control(sandbox, 'tokens');
  await keeper.save({
    tokens: { access_token: String(t['access_token']), refresh_token: String(t['refresh_token']), token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8_726_400, createdAt: clock.now(), realmId: sandbox.realmId },
    environment: 'custom',
    companyName: null,
    connectedAt: clock.now(),
    invalid: null,
  });
});
afterAll(async () => {
  await proxy.close();
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await control(sandbox, 'faults', { latencyMs: 0, errorRate: 0 });
  await control(sandbox, 'limits', { enabled: true, timeScale: 1 });
  proxy.resetPeak();
});

const clientWith = (options: LimiterOptions) => createQboClient({ apiBase: () => proxy.url, tokens: keeper, limiters: new RateLimiterRegistry(options) });

describe('against the sandbox throttles', () => {
  it('keeps at most 10 requests in flight and meets no 429 under a burst of 40', async () => {
    await control(sandbox, 'faults', { latencyMs: 80 });
    const client = clientWith({});
    const before = proxy.apiCalls().length;
    await Promise.all(Array.from({ length: 40 }, () => client.query('select * from Item MAXRESULTS 1')));
    const sent = proxy.apiCalls().slice(before);
    expect(sent).toHaveLength(40);
    expect(sent.filter((r) => r.status === 429)).toEqual([]);
    expect(proxy.peakApiInFlight()).toBe(10);
  });

  it('keeps within 40 batches per (time-scaled) minute', async () => {
    await control(sandbox, 'limits', { enabled: true, timeScale: 20 }); // a minute lasts 3 s
    const client = clientWith({ timeScale: 20 });
    const before = proxy.apiCalls().length;
    const started = Date.now();
    await Promise.all(Array.from({ length: 50 }, () => client.batch([{ bId: 'q', operation: 'query', query: 'select * from Item MAXRESULTS 1' }], crypto.randomUUID())));
    const sent = proxy.apiCalls().slice(before);
    expect(sent.filter((r) => r.status === 429)).toEqual([]);
    // 50 batches cannot fit in one 3-second window of 40.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
  });

  it('backs the whole realm off after a 429 and still completes every request', async () => {
    await control(sandbox, 'faults', { latencyMs: 150 });
    // A limiter that believes in 25 concurrent requests, so the server's 10 is what stops it.
    const client = clientWith({ maxConcurrent: 25, timeScale: 2 });
    const before = proxy.apiCalls().length;
    // MAXRESULTS tells the 35 callers apart on the wire.
    const results = await Promise.all(Array.from({ length: 35 }, (_, i) => client.query(`select * from Item MAXRESULTS ${i + 1}`)));
    expect(results).toHaveLength(35);
    const sent = proxy.apiCalls().slice(before);
    const caller = (r: (typeof sent)[number]) => /MAXRESULTS (\d+)/.exec(r.search.get('query') ?? '')?.[1];
    const throttled = sent.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(new Set(sent.filter((r) => r.status === 200).map(caller)).size).toBe(35);
    // The back-off's first step is 1 s at timeScale 2 = 500 ms, jittered to 250-500 ms.
    for (const t of throttled) {
      const retry = sent.find((r) => caller(r) === caller(t) && r.start > t.end);
      expect(retry!.start - t.end).toBeGreaterThanOrEqual(230);
    }
    // That the whole realm waits, not only the throttled callers, is tested on the limiter itself
    // below: on the wire, requests already on their way arrive late when the machine is busy.
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
  it('spreads requests over the sliding window when the per-minute budget is spent', async () => {
    const limiter = new RealmLimiter({ requestsPerMinute: 5, timeScale: 120 }); // window ≈ 0.5 s
    const starts: number[] = [];
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 10 }, () => limiter.run('read', async () => void starts.push(Date.now() - t0))));
    starts.sort((a, b) => a - b);
    expect(starts[4]!).toBeLessThan(100);
    expect(starts[5]!).toBeGreaterThanOrEqual(490);
  });

  it('holds every caller of the realm during a back-off, not only the one that was throttled', async () => {
    const limiter = new RealmLimiter({});
    const t0 = Date.now();
    limiter.backOff(300); // a 429 with Retry-After: 300 ms
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 5 }, (_, i) => limiter.run(i % 2 ? 'read' : 'batch', async () => void starts.push(Date.now() - t0))));
    expect(starts).toHaveLength(5);
    // Lower bounds only: a busy machine can delay these further, never earlier.
    for (const start of starts) expect(start).toBeGreaterThanOrEqual(290);
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
