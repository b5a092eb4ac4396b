// The API client against the local sandbox: paging by 1-based offsets over more than 2,000
// customers, batches with per-item faults, typed faults in every shape, and requestids that stay
// the same across a 401 refresh and across a retry after a dropped connection.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQboClient, type QboClient } from '../../../electron/main/qbo/qbo-client';
import { QboFault, QboNetworkError } from '../../../electron/main/qbo/faults';
import { RateLimiterRegistry } from '../../../electron/main/qbo/rate-limiter';
import type { TokenKeeper } from '../../../electron/main/qbo/token-keeper';
import { gatewayFault, throttleBody } from '../../../electron/qbo-sandbox/errors';
import { connectedKeeper, control, startRecordingProxy, startTestSandbox } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

let dir: string;
let client: QboClient;
let keeper: TokenKeeper;

const sandbox = useSandbox(() => startTestSandbox());
const proxy = useSandbox(() => startRecordingProxy(sandbox.url));
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tn-client-'));
  ({ keeper } = await connectedKeeper(sandbox, proxy.url, dir));
  // QBO allows 40 batches a minute; a twentieth of a minute keeps the 70 batches below quick while
  // still going through the limiter.
  client = createQboClient({ apiBase: () => proxy.url, tokens: keeper, limiters: new RateLimiterRegistry({ timeScale: 20 }) });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await control(sandbox, 'faults', { latencyMs: 0, errorRate: 0, dropAfterCommitRate: 0 });
});

const countByName = async (name: string) =>
  Number((await client.query(`select count(*) from Customer where DisplayName = '${name}'`))['totalCount'] ?? 0);

describe('reads and paging', () => {
  it('sends minorversion=75 and reads the company', async () => {
    const info = await client.companyInfo();
    expect(info['CompanyName']).toBeTruthy();
    expect(proxy.apiCalls().at(-1)?.search.get('minorversion')).toBe('75');
    const prefs = await client.preferences();
    expect(prefs).toHaveProperty('TimeTrackingPrefs');
  });

  it('gives up on a request that takes too long, as a retryable network error with its requestid', async () => {
    await control(sandbox, 'faults', { latencyMs: 400 });
    const impatient = createQboClient({ apiBase: () => proxy.url, tokens: keeper, limiters: new RateLimiterRegistry(), timeoutMs: 100 });
    const requestId = randomUUID();
    const error = await impatient.write('Customer', 'create', { DisplayName: `Slow ${requestId.slice(0, 8)}` }, requestId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QboNetworkError);
    expect(error).toMatchObject({ errorCode: 'ETIMEDOUT', requestId, retryable: true });
  });

  it('reads, updates and reports changes through CDC (before the bulk below fills its 1000-object answer)', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const name = `Cdc ${randomUUID().slice(0, 8)}`;
    const created = await client.write('Customer', 'create', { DisplayName: name }, randomUUID());
    const read = await client.read('Customer', String(created['Id']));
    const updated = await client.write('Customer', 'update', { ...read, Notes: 'changed' }, randomUUID());
    expect(updated['SyncToken']).not.toBe(read['SyncToken']);
    const changes = await client.cdc(['Customer'], since);
    expect((changes['Customer'] ?? []).some((c) => c['Id'] === created['Id'])).toBe(true);
  });

  it('pages more than 2,000 customers with STARTPOSITION offsets 1, 1001, 2001', async () => {
    const run = randomUUID().slice(0, 8);
    const batches = Array.from({ length: 70 }, (_, b) =>
      client.batch(
        Array.from({ length: 30 }, (_, i) => ({ bId: `c${i}`, operation: 'create' as const, entity: 'Customer', body: { DisplayName: `Paging ${run} ${b * 30 + i}` } })),
        randomUUID(),
      ),
    );
    const results = (await Promise.all(batches)).flatMap((b) => b.items);
    expect(results.filter((r) => r.fault)).toEqual([]);
    expect(results).toHaveLength(2100);
    // Even in a hurry the limiter never let more than 10 requests be in flight.
    expect(proxy.peakApiInFlight()).toBeLessThanOrEqual(10);

    const total = Number((await client.query('select count(*) from Customer'))['totalCount']);
    expect(total).toBeGreaterThanOrEqual(2100);
    const before = proxy.apiCalls().length;
    const all = await client.queryAll('Customer');
    expect(all).toHaveLength(total);
    expect(new Set(all.map((c) => c['Id'])).size).toBe(total);
    const positions = proxy
      .apiCalls()
      .slice(before)
      .map((r) => /STARTPOSITION (\d+) MAXRESULTS (\d+)/.exec(r.search.get('query') ?? '')?.slice(1).map(Number));
    expect(positions.map((p) => p?.[0])).toEqual(Array.from({ length: Math.ceil((total + 1) / 1000) }, (_, i) => 1 + i * 1000));
    expect(positions.every((p) => p?.[1] === 1000)).toBe(true);
  });

  it('filters with a where clause and refuses one that tries to page by itself', async () => {
    const rows = await client.queryAll('Customer', "DisplayName LIKE 'Paging %'");
    expect(rows.length).toBeGreaterThanOrEqual(2100);
    await expect(client.queryAll('Customer', 'Active = true STARTPOSITION 5')).rejects.toThrow(/pages by itself/);
  });
});

describe('writes, batches and faults', () => {
  it('returns per-item batch faults as data and refuses more than 30 items', async () => {
    const name = `Batch ${randomUUID().slice(0, 8)}`;
    const { items: results, intuitTid } = await client.batch(
      [
        { bId: 'ok', operation: 'create', entity: 'Customer', body: { DisplayName: name } },
        { bId: 'dup', operation: 'create', entity: 'Customer', body: { DisplayName: name } },
        { bId: 'q', operation: 'query', query: 'select count(*) from Item' },
      ],
      randomUUID(),
    );
    // The batch's intuit_tid comes back for the audit trail.
    expect(intuitTid).toMatch(/\S/);
    const byId = Object.fromEntries(results.map((r) => [r.bId, r]));
    expect(byId['ok']).toMatchObject({ entity: 'Customer', fault: null, data: { DisplayName: name } });
    expect(byId['dup']?.fault?.errors[0]?.code).toBe('6240');
    expect(byId['q']?.queryResponse).toHaveProperty('totalCount');
    const tooMany = Array.from({ length: 31 }, (_, i) => ({ bId: `b${i}`, operation: 'query' as const, query: 'select * from Item' }));
    await expect(client.batch(tooMany, randomUUID())).rejects.toThrow(/1 to 30 items/);
  });

  it('throws a typed fault with code, message and intuit_tid for a refused write', async () => {
    const name = `Dup ${randomUUID().slice(0, 8)}`;
    await client.write('Customer', 'create', { DisplayName: name }, randomUUID());
    const error = await client.write('Customer', 'create', { DisplayName: name }, randomUUID()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QboFault);
    const fault = error as QboFault;
    expect(fault.status).toBe(400);
    expect(fault.code).toBe('6240');
    expect(fault.retryable).toBe(false);
    expect(fault.message).toMatch(/^QuickBooks fault 6240: Duplicate Name Exists Error/);
    expect(fault.intuitTid).toMatch(/^1-/);
  });

  it('reads all three fault shapes: Fault.Error, the gateway fault.error, and XML throttles', () => {
    const xml = throttleBody('2026-01-01T00:00:00.000-08:00');
    const throttle = QboFault.fromResponse(429, xml.body, 'tid-1');
    expect(throttle).toMatchObject({ status: 429, type: 'SERVICE', retryable: true, intuitTid: 'tid-1' });
    expect(throttle.errors[0]).toMatchObject({ code: '3001', detail: expect.stringMatching(/request limit/) });
    const gateway = QboFault.fromResponse(401, JSON.stringify(gatewayFault(401, '3200', 'AuthenticationFailed', 'Token expired', 'AUTHENTICATION', 0)), null);
    expect(gateway).toMatchObject({ isAuth: true, type: 'AUTHENTICATION' });
    expect(gateway.errors[0]?.code).toBe('3200');
    const html = QboFault.fromResponse(502, '<html>Bad gateway</html>', null);
    expect(html).toMatchObject({ status: 502, retryable: true });
  });

  it('retries after a 401 with the same requestid, and the write lands once', async () => {
    const name = `After401 ${randomUUID().slice(0, 8)}`;
    const requestId = randomUUID();
    await control(sandbox, 'faults', { expireAccessTokens: true });
    const created = await client.write('Customer', 'create', { DisplayName: name }, requestId);
    const sent = proxy.apiCalls().filter((r) => r.search.get('requestid') === requestId);
    expect(sent.map((r) => r.status)).toEqual([401, 200]);
    expect(await countByName(name)).toBe(1);
    expect(created['DisplayName']).toBe(name);
  });

  it('surfaces a dropped connection as retryable with its requestid; the identical retry creates one entity', async () => {
    const name = `Dropped ${randomUUID().slice(0, 8)}`;
    const requestId = randomUUID();
    await control(sandbox, 'faults', { dropAfterCommitRate: 1 });
    const error = await client.write('Customer', 'create', { DisplayName: name }, requestId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QboNetworkError);
    expect((error as QboNetworkError).retryable).toBe(true);
    expect((error as QboNetworkError).requestId).toBe(requestId);
    expect((error as Error).message).toContain(requestId);
    await control(sandbox, 'faults', { dropAfterCommitRate: 0 });
    expect(await countByName(name)).toBe(1); // it did commit
    const retried = await client.write('Customer', 'create', { DisplayName: name }, requestId);
    expect(retried['DisplayName']).toBe(name);
    expect(await countByName(name)).toBe(1);
  });

});
