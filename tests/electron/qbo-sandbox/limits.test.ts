import { afterEach, describe, expect, it, vi } from 'vitest';
import { boot, clock, latencyGate, type Harness } from './helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ping = (x: Harness, accept = 'application/json') => x.api('GET', `companyinfo/${x.sb.realmId}`, undefined, { accept });

/** Sends `count` pings at once; `answered()` says how many have their answer so far. */
function burst(x: Harness, count: number, accept?: string) {
  let answered = 0;
  const replies = Promise.all(Array.from({ length: count }, () => ping(x, accept).then((r) => (answered++, r))));
  return { replies, answered: () => answered };
}

/** Waits until the sandbox holds `held` answers at the gate and has already answered `answered`. */
async function settled(gate: ReturnType<typeof latencyGate>, b: ReturnType<typeof burst>, held: number, answered: number) {
  await vi.waitFor(() => expect([gate.held(), b.answered()]).toEqual([held, answered]), { timeout: 15_000 });
}

describe('throttling', () => {
  it('allows 10 requests in flight and answers the 11th+ with 429 ThrottleExceeded', async () => {
    const gate = latencyGate();
    h = await boot({ limits: { enabled: true, timeScale: 1 }, wait: gate.wait });
    await h.control('faults', { latencyMs: 400 });
    const x = h;
    // Ten are admitted and held in flight at the gate; the other five are refused at once.
    const b = burst(x, 15);
    await settled(gate, b, 10, 5);
    gate.open();
    const replies = await b.replies;
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const throttled = replies.find((r) => r.status === 429);
    expect(throttled?.text).toContain('<Error code="3001">');
    expect(throttled?.text).toContain('<Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>');
    expect((await h.control('state')).json.counters.throttled).toBe(5);
    // Once the in-flight requests finish, there is room again.
    expect((await ping(x)).status).toBe(200);
  });

  it('answers the XML IntuitResponse real QuickBooks sends, even to a client that asked for JSON', async () => {
    const gate = latencyGate();
    h = await boot({ limits: { enabled: true, timeScale: 1 }, wait: gate.wait });
    await h.control('faults', { latencyMs: 300 });
    const b = burst(h, 11, 'application/json');
    await settled(gate, b, 10, 1);
    gate.open();
    const throttled = (await b.replies).find((r) => r.status === 429);
    expect(throttled?.headers.get('content-type')).toContain('application/xml');
    expect(throttled?.json).toBeUndefined(); // not JSON at all
    expect(throttled?.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>\n<IntuitResponse time="[^"]+" xmlns="http:\/\/schema.intuit.com\/finance\/v3">/);
    expect(throttled?.text).toContain('<Fault type="SERVICE">');
    expect(throttled?.text).toContain('<Detail>The request limit was reached.  Try again later</Detail>');
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
    expect(r.text).toContain('<Error code="3001">');
    // Other calls still go through: only batches are at their limit.
    expect((await ping(h)).status).toBe(200);
  });

  it('scales the window with timeScale', async () => {
    const c = clock();
    h = await boot({ now: c.now, limits: { enabled: true, timeScale: 30 } }); // one minute becomes 2 s
    const batch = { BatchItemRequest: [{ bId: 'q', Query: 'select count(*) from Customer' }] };
    const x = h;
    for (let wave = 0; wave < 4; wave++) {
      const replies = await Promise.all(Array.from({ length: 10 }, () => x.api('POST', 'batch', batch)));
      expect(replies.every((r) => r.status === 200)).toBe(true);
    }
    expect((await x.api('POST', 'batch', batch)).status).toBe(429);
    c.advance(1_999);
    expect((await x.api('POST', 'batch', batch)).status).toBe(429);
    c.advance(1);
    expect((await x.api('POST', 'batch', batch)).status).toBe(200);
  });

  it('can be switched off and on through /_sandbox/limits', async () => {
    const gate = latencyGate();
    h = await boot({ limits: { enabled: true, timeScale: 1 }, wait: gate.wait });
    await h.control('faults', { latencyMs: 200 });
    await h.control('limits', { enabled: false });
    const off = burst(h, 12);
    await settled(gate, off, 12, 0);
    gate.open();
    expect((await off.replies).every((r) => r.status === 200)).toBe(true);
    gate.shut();
    await h.control('limits', { enabled: true });
    const on = burst(h, 12);
    await settled(gate, on, 10, 2);
    gate.open();
    expect((await on.replies).filter((r) => r.status === 429)).toHaveLength(2);
  });
});
