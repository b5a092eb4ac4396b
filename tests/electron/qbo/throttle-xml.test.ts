// QuickBooks throttles with an XML IntuitResponse even when the request asked for JSON
// (qbo-api.md §13.3), and the sandbox now answers that way. Main's real client, through its limiter
// and retry path, backs off on that answer and then gets every request through; when it gives up,
// what reaches the person is in plain words.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { toIpcError } from '../../../shared/ipc/errors';
import { classifyFault } from '../../../shared/sync/classify';
import { portErrorFromIpc, sendFailureOf } from '../../../renderer/src/features/quickbooks/engine/qbo-port';
import { toAppError } from '../../../electron/main/qbo/handlers';
import { createQboClient } from '../../../electron/main/qbo/qbo-client';
import { QboFault } from '../../../electron/main/qbo/faults';
import { RateLimiterRegistry } from '../../../electron/main/qbo/rate-limiter';
import type { TokenKeeper } from '../../../electron/main/qbo/token-keeper';
import { latencyGate } from '../qbo-sandbox/helpers';
import { connectedKeeper, control, startRecordingProxy, startTestSandbox } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

let dir: string;
let keeper: TokenKeeper;
/** Holds the sandbox's answers while shut, so ten requests stay in flight and the next are throttled. */
const gate = latencyGate();
const sandbox = useSandbox(() => startTestSandbox({ limits: { enabled: true, timeScale: 1 }, wait: gate.wait }));
const proxy = useSandbox(() => startRecordingProxy(sandbox.url));
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tn-throttle-'));
  ({ keeper } = await connectedKeeper(sandbox, proxy.url, dir));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  gate.shut();
  await control(sandbox, 'faults', { latencyMs: 150 });
});
afterEach(() => {
  gate.open();
  vi.restoreAllMocks();
});

/** Every 429 the client received: what it asked for, and the type and body QuickBooks answered with. */
function watchThrottles() {
  const seen: Array<{ accept: string | null; contentType: string | null; body: string }> = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const res = await realFetch(input, init);
    if (res.status === 429) seen.push({ accept: new Headers(init?.headers).get('accept'), contentType: res.headers.get('content-type'), body: await res.clone().text() });
    return res;
  });
  return seen;
}

/** A limiter that believes in 25 requests at once, so QuickBooks' limit of 10 is what stops it. */
const eagerLimiters = () => new RateLimiterRegistry({ maxConcurrent: 25, timeScale: 2 });

describe('QuickBooks throttles in XML', () => {
  it('backs the realm off on the XML 429 and then gets every request through', async () => {
    const throttles = watchThrottles();
    const limiters = eagerLimiters();
    const client = createQboClient({ apiBase: () => proxy.url, tokens: keeper, limiters });
    const all = Promise.all(Array.from({ length: 15 }, (_, i) => client.query(`select * from Item MAXRESULTS ${i + 1}`)));
    await vi.waitFor(() => expect([gate.held(), throttles.length > 0]).toEqual([10, true]), { timeout: 15_000 });
    gate.open();
    const pages = await all;

    expect(pages).toHaveLength(15);
    expect(pages.every((page) => Array.isArray(page['Item']))).toBe(true);
    // Asked for JSON, answered in XML, as real QuickBooks does.
    expect(throttles[0]).toMatchObject({ accept: 'application/json', contentType: expect.stringContaining('application/xml') });
    expect(throttles[0]!.body).toMatch(/^<\?xml[^>]*>\s*<IntuitResponse[\s\S]*<Error code="3001">/);
    // The limiter held the realm back after the throttle, and the retries then succeeded.
    expect(limiters.forRealm(sandbox.realmId).stats().backoffs).toBeGreaterThan(0);
    const sent = proxy.apiCalls().filter((r) => r.search.get('query')?.startsWith('select * from Item MAXRESULTS'));
    expect(sent.filter((r) => r.status === 429)).toHaveLength(throttles.length);
    expect(sent.filter((r) => r.status === 200)).toHaveLength(15);
  });

  it('reads the XML throttle as fault 3001 when it gives up, and tells the person in plain words', async () => {
    const throttles = watchThrottles();
    const limiters = eagerLimiters();
    const patient = createQboClient({ apiBase: () => proxy.url, tokens: keeper, limiters });
    const impatient = createQboClient({ apiBase: () => proxy.url, tokens: keeper, limiters, throttleRetries: 0 });
    // Ten requests fill QuickBooks' in-flight limit; the eleventh is throttled and not retried.
    const held = Promise.all(Array.from({ length: 10 }, () => patient.query('select * from Item MAXRESULTS 1')));
    await vi.waitFor(() => expect(gate.held()).toBe(10), { timeout: 15_000 });
    const error = await impatient.query('select * from Item MAXRESULTS 2').catch((e: unknown) => e);
    gate.open();
    await held;

    expect(throttles).toHaveLength(1);
    expect(error).toBeInstanceOf(QboFault);
    const fault = error as QboFault;
    expect(fault).toMatchObject({ status: 429, type: 'SERVICE', code: '3001', retryable: true });
    expect(fault.message).toMatch(/^QuickBooks asked Track Nexus to slow down: too many requests in a short time\. Wait a minute and try again\./);
    expect(fault.message).not.toMatch(/ThrottleExceeded|errorCode|statusCode|<|>/);
    // The same failure as the sync engine receives it over IPC: back off and resend, said plainly.
    const verdict = classifyFault(sendFailureOf(portErrorFromIpc(toIpcError(toAppError(fault)))));
    expect(verdict).toMatchObject({ action: 'retry_after', code: '3001', userMessage: 'QuickBooks asked us to slow down; sending continues shortly.' });
  });
});
