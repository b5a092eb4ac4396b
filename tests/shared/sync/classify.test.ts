import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFault } from '../../../shared/qbo/fault';
import type { QboFault } from '../../../shared/qbo/types';
import { backoffMs, classifyFault, DEFAULT_BACKOFF, seededRandom, THROTTLE_BACKOFF, type FaultAction } from '../../../shared/sync/classify';

const fault = (code: string, status?: number, detail?: string, element?: string): QboFault => ({
  ...(status !== undefined ? { status } : {}),
  type: 'ValidationFault',
  errors: [{ code, message: `m${code}`, ...(detail ? { detail } : {}), ...(element ? { element } : {}) }],
});

const table: Array<[string, QboFault | { kind: 'network'; reason: 'timeout' | 'dropped' | 'offline' }, FaultAction, RegExp?]> = [
  ['401 expired token', fault('3200', 401), 'pause_auth', /reconnect/],
  ['3200 without status (gateway code only)', fault('3200'), 'pause_auth'],
  ['100 general authentication error', fault('100', 401), 'pause_auth'],
  ['403 no access', fault('3100', 403), 'pause_auth', /^QuickBooks refused access: reconnect with an admin account/],
  ['403 without a code', { status: 403, type: 'AUTHORIZATION', errors: [] }, 'pause_auth', /admin account/],
  ['429 throttled', fault('3001', 429), 'retry_after', /slow down/],
  ['3001 with the historic 403 status is still a throttle', fault('3001', 403), 'retry_after'],
  ['503 busy', { status: 503, type: 'Unknown', errors: [] }, 'retry_after', /busy/],
  ['500 server error', { status: 500, type: 'Unknown', errors: [] }, 'retry_same', /not be recorded twice/],
  ['502 bad gateway', { status: 502, type: 'Unknown', errors: [] }, 'retry_same'],
  ['timeout', { kind: 'network', reason: 'timeout' }, 'retry_same', /did not answer in time/],
  ['dropped connection', { kind: 'network', reason: 'dropped' }, 'retry_same', /dropped/],
  ['5010 stale', fault('5010', 400, 'Stale Object Error : You and API API were working on this at the same time.'), 'reread_and_retry'],
  ['610 inactive customer', fault('610', 400, 'Object Not Found : Something you are trying to use has been made inactive.', 'CustomerRef'), 'flag', /^The customer is inactive or was deleted in QuickBooks/],
  ['2500 invalid reference, element unknown', fault('2500', 400, 'Invalid Reference Id'), 'flag', /customer, service item, class or person/],
  ['6000 closed books', fault('6000', 400, 'Business Validation Error: The books are closed for this date.'), 'flag', /^QuickBooks refused this entry: The books are closed for this date\.$/],
  ['6240 duplicate name', fault('6240', 400, 'The name supplied already exists.'), 'flag'],
  ['2010 bad property', fault('2010', 400, 'Property Name:Foo'), 'flag', /bug in Track Nexus/],
  ['2020 required missing', fault('2020', 400, 'Required parameter NameOf is missing in the request'), 'flag', /NameOf/],
  ['4000 query parse', fault('4000', 400), 'flag', /bug/],
  ['unknown 400', fault('9999', 400, 'Something odd'), 'flag', /Something odd/],
];

describe('classifyFault', () => {
  it.each(table)('%s', (_name, failure, action, message) => {
    const c = classifyFault(failure, { attempt: 1, random: () => 0 });
    expect(c.action).toBe(action);
    if (message) expect(c.userMessage).toMatch(message);
    if (action === 'retry_after' || action === 'retry_same') expect(c.retryAfterMs).toBeGreaterThan(0);
  });

  it('marks stale-object retries as new requests, and payload faults as bugs', () => {
    const stale = classifyFault(fault('5010', 400));
    expect(stale.newRequestId).toBe(true);
    expect(stale.userMessage).toMatch(/read the latest version/);
    expect(classifyFault(fault('2010', 400)).bug).toBe(true);
    expect(classifyFault(fault('610', 400)).bug).toBeUndefined();
  });

  it('honours Retry-After, capped', () => {
    expect(classifyFault(fault('3001', 429), { retryAfterMs: 60_000 }).retryAfterMs).toBe(60_000);
    expect(classifyFault(fault('3001', 429), { retryAfterMs: 3_600_000 }).retryAfterMs).toBe(THROTTLE_BACKOFF.capMs);
  });

  it('classifies faults straight from the wire shapes', () => {
    const xml = '<IntuitResponse><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message></Error></Fault></IntuitResponse>';
    expect(classifyFault(parseFault(xml, { status: 429 })).action).toBe('retry_after');
    const gateway = { fault: { error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', code: '3200' }], type: 'AUTHENTICATION' } };
    expect(classifyFault(parseFault(gateway, { status: 401 })).action).toBe('pause_auth');
  });
});

describe('backoffMs', () => {
  it('grows exponentially within [ceiling/2, ceiling) and stops at the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (attempt, r) => {
        const ceiling = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** (attempt - 1));
        const ms = backoffMs(attempt, () => r);
        expect(ms).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(ms).toBeLessThan(ceiling);
      }),
    );
    expect(backoffMs(1, () => 0)).toBe(500);
    expect(backoffMs(3, () => 0)).toBe(2000);
    expect(backoffMs(40, () => 0.999)).toBeLessThan(DEFAULT_BACKOFF.capMs);
  });

  it('is reproducible with a seeded random', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const seqA = [1, 2, 3, 4].map((n) => backoffMs(n, a));
    expect([1, 2, 3, 4].map((n) => backoffMs(n, b))).toEqual(seqA);
    expect(new Set(Array.from({ length: 20 }, seededRandom(7))).size).toBe(20);
  });
});

describe('classifyFault for QuickBooks Desktop', () => {
  it('a batch queued for the Web Connector is asked for again within a minute, with words saying why it waits', () => {
    for (const attempt of [1, 3, 20]) {
      const c = classifyFault({ kind: 'network', reason: 'queued' }, { attempt, random: () => 0.99 });
      expect(c.action).toBe('retry_same');
      expect(c.retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(c.userMessage).toBe('Waiting for QuickBooks Desktop: the Web Connector takes this at its next update.');
    }
    expect(classifyFault({ kind: 'network', reason: 'queued' }, { attempt: 1, random: () => 0 }).retryAfterMs).toBe(backoffMs(1, () => 0));
  });

  it('a queued batch names the Web Connector schedule when the failure says it', () => {
    const c = classifyFault({ kind: 'network', reason: 'queued', message: 'Waiting for QuickBooks Desktop: the Web Connector updates every 15 minutes.' });
    expect(c.userMessage).toBe('Waiting for QuickBooks Desktop: the Web Connector updates every 15 minutes.');
  });

  it('QuickBooks Desktop busy or the record in use is sent again later, in its own words', () => {
    const c = classifyFault(fault('QBD_LATER', undefined, 'Someone has this time entry open in QuickBooks; it is sent again at the next update.'), { attempt: 2, random: () => 0.5 });
    expect(c).toMatchObject({ action: 'retry_after', code: 'QBD_LATER', userMessage: 'Someone has this time entry open in QuickBooks; it is sent again at the next update.' });
    expect(c.retryAfterMs).toBe(backoffMs(2, () => 0.5, DEFAULT_BACKOFF));
  });
});
