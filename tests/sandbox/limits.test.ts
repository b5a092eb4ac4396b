import { afterEach, describe, expect, it } from 'vitest';
import { boot, clock, type Harness } from './helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ping = (x: Harness, accept = 'application/json') => x.api('GET', `companyinfo/${x.sb.realmId}`, undefined, { accept });

describe('throttling', () => {
  it('allows 10 requests in flight and answers the 11th+ with 429 ThrottleExceeded', async () => {
    h = await boot({ limits: { enabled: true, timeScale: 1 } });
    await h.control('faults', { latencyMs: 400 });
    const x = h;
    const replies = await Promise.all(Array.from({ length: 15 }, () => ping(x)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const throttled = replies.find((r) => r.status === 429);
    expect(throttled?.json.Fault.Error[0]).toMatchObject({ code: '3001', Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429' });
    expect((await h.control('state')).json.counters.throttled).toBe(5);
    // Once the in-flight requests finish, there is room again.
    expect((await ping(x)).status).toBe(200);
  });

  it('answers the XML fault when the client does not accept JSON', async () => {
    h = await boot({ limits: { enabled: true, timeScale: 1 } });
    await h.control('faults', { latencyMs: 300 });
    const x = h;
    const replies = await Promise.all(Array.from({ length: 11 }, () => ping(x, 'application/xml')));
    const throttled = replies.find((r) => r.status === 429);
    expect(throttled?.headers.get('content-type')).toContain('application/xml');
    expect(throttled?.text).toContain('<Error code="3001">');
  });

  it('allows 500 requests per minute per realm; the window slides', async () => {
    const c = clock();
    h = await boot({ now: c.now, limits: { enabled: true, timeScale: 1 } });
    const x = h;
    // The control call for the token does not count; send 500 in waves of 10.
    for (let i = 0; i < 50; i++) {
      const wave = await Promise.all(Array.from({ length: 10 }, () => ping(x)));
      expect(wave.every((r) => r.status === 200)).toBe(true);
    }
    expect((await ping(x)).status).toBe(429);
    c.advance(59_000);
    expect((await ping(x)).status).toBe(429);
    c.advance(1_000);
    expect((await ping(x)).status).toBe(200);
  });

  it('allows 40 batch requests per minute', async () => {
    const c = clock();
    h = await boot({ now: c.now, limits: { enabled: true, timeScale: 1 } });
    const batch = { BatchItemRequest: [{ bId: 'q', Query: 'select count(*) from Customer' }] };
    for (let i = 0; i < 40; i++) expect((await h.api('POST', 'batch', batch)).status).toBe(200);
    const r = await h.api('POST', 'batch', batch);
    expect(r.status).toBe(429);
    expect(r.json.Fault.Error[0].code).toBe('3001');
    // Other calls still go through: only batches are at their limit.
    expect((await ping(h)).status).toBe(200);
  });

  it('scales the window with timeScale, in real time', async () => {
    h = await boot({ limits: { enabled: true, timeScale: 30 } }); // one minute becomes 2 s
    const batch = { BatchItemRequest: [{ bId: 'q', Query: 'select count(*) from Customer' }] };
    const x = h;
    const started = Date.now();
    for (let wave = 0; wave < 4; wave++) {
      const replies = await Promise.all(Array.from({ length: 10 }, () => x.api('POST', 'batch', batch)));
      expect(replies.every((r) => r.status === 200)).toBe(true);
    }
    expect((await x.api('POST', 'batch', batch)).status).toBe(429);
    await new Promise((r) => setTimeout(r, Math.max(0, 2_100 - (Date.now() - started))));
    expect((await x.api('POST', 'batch', batch)).status).toBe(200);
  });

  it('can be switched off and on through /_sandbox/limits', async () => {
    h = await boot({ limits: { enabled: true, timeScale: 1 } });
    await h.control('faults', { latencyMs: 200 });
    await h.control('limits', { enabled: false });
    const x = h;
    expect((await Promise.all(Array.from({ length: 12 }, () => ping(x)))).every((r) => r.status === 200)).toBe(true);
    await h.control('limits', { enabled: true });
    expect((await Promise.all(Array.from({ length: 12 }, () => ping(x)))).filter((r) => r.status === 429)).toHaveLength(2);
  });
});
