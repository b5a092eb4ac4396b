// Several QuickBooks companies in one workspace: each keeps its own tokens, servers, status and
// rate limits. Two local sandboxes stand for two companies (the second behind a proxy that gives
// it another realm id, since every sandbox has the same one); the demo company can sit beside them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoCompany } from '../../../electron/main/qbo/demo';
import { connectionKey, LEGACY_CONNECTION_KEY } from '../../../electron/main/qbo/token-keeper';
import type { QboStatus } from '../../../shared/ipc/contract';
import { useSandbox } from '../../fixtures/use-sandbox';
import { DEFAULT_CLIENT, connectApproved, makeQboApp, startRecordingProxy, startTestSandbox, storedConnection, waitFor, type QboApp } from './helpers';

const OTHER_REALM = '9130000000000002';
const sandboxA = useSandbox(() => startTestSandbox());
const proxyA = useSandbox(() => startRecordingProxy(sandboxA.url));
/** A second way to sandbox A, to see whether anything is sent where Settings point later. */
const proxyA2 = useSandbox(() => startRecordingProxy(sandboxA.url));
const sandboxB = useSandbox(() => startTestSandbox());
const proxyB = useSandbox(() => startRecordingProxy(sandboxB.url, { alias: OTHER_REALM, realmId: sandboxB.realmId }));

let dataDir: string;
let app: QboApp;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tn-qbo-cos-'));
});
afterEach(async () => {
  await app?.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

const keys = { QBO_CLIENT_ID: DEFAULT_CLIENT.clientId, QBO_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret };
const makeApp = () => makeQboApp({ dataDir, env: keys, startDemo: startDemoCompany });

/** Points the next connect at one server, as the user would in Settings. */
async function useServer(a: QboApp, base: string) {
  expect(await a.call('qbo:saveSettings', { environment: 'custom', customApiBase: base, customOAuthBase: base })).toMatchObject({ ok: true });
}

async function connectNew(a: QboApp, realmAlias?: string): Promise<QboStatus> {
  const result = await connectApproved(a, 'qbo:connectCompany', {}, realmAlias);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as QboStatus;
}

/** A fresh app with company A (primary, on sandbox A) and company B (sandbox B's other realm) connected. */
async function twoCompanies(): Promise<{ first: QboStatus; second: QboStatus }> {
  app = makeApp();
  await useServer(app, proxyA.url);
  const first = await connectNew(app);
  await useServer(app, proxyB.url);
  return { first, second: await connectNew(app, OTHER_REALM) };
}

async function createCustomer(a: QboApp, companyId: string, name: string) {
  const items = [{ bId: 'a', operation: 'create', entity: 'Customer', body: { DisplayName: name } }];
  expect(await a.call('qbo:sendBatch', { companyId, requestId: crypto.randomUUID(), items })).toMatchObject({ ok: true, value: { items: [{ fault: null }] } });
}

async function customersNamed(a: QboApp, companyId: string, name: string): Promise<unknown[]> {
  const result = await a.call('qbo:queryAll', { companyId, entity: 'Customer', where: `DisplayName = '${name}'` });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return (result.value as { items: unknown[] }).items;
}

async function companies(a: QboApp): Promise<QboStatus[]> {
  const result = await a.call('qbo:listCompanies');
  return (result as { value: { companies: QboStatus[] } }).value.companies;
}

describe('several companies', () => {
  it('keeps two companies side by side: each one’s data, grant and status are its own', async () => {
    const { first, second } = await twoCompanies();
    expect(first).toMatchObject({ companyId: 'primary', realmId: sandboxA.realmId, state: 'connected' });
    expect(second).toMatchObject({ companyId: expect.stringMatching(/^co-[0-9a-f]{8}$/), realmId: OTHER_REALM, state: 'connected' });
    expect((await companies(app)).map((c) => c.companyId)).toEqual(['primary', second.companyId]);

    const name = `Only B ${crypto.randomUUID().slice(0, 8)}`;
    await createCustomer(app, second.companyId, name);
    expect(await customersNamed(app, second.companyId, name)).toHaveLength(1);
    expect(await customersNamed(app, 'primary', name)).toHaveLength(0);

    // Picking a realm already in the workspace reconnects that company instead of adding one.
    expect(await connectNew(app, OTHER_REALM)).toMatchObject({ companyId: second.companyId });
    expect(await companies(app)).toHaveLength(2);

    // invalid_grant on B marks only B.
    const { tokens } = await storedConnection(app.store, second.companyId);
    await revokeAt(sandboxB.url, tokens.refresh_token);
    expect(await app.call('qbo:queryAll', { companyId: second.companyId, entity: 'Customer' })).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(app.service.status(second.companyId).state).toBe('reconnect_required');
    expect(app.service.status('primary').state).toBe('connected');
    expect(await app.call('qbo:queryAll', { companyId: 'primary', entity: 'Customer' })).toMatchObject({ ok: true });
  });

  it('refuses to reconnect a company with another realm, and leaves it as it was', async () => {
    app = makeApp();
    await useServer(app, proxyA.url);
    await connectNew(app);
    await useServer(app, proxyB.url);
    const refused = await connectApproved(app, 'qbo:connectCompany', { companyId: 'primary' }, OTHER_REALM);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringMatching(/different QuickBooks company/) } });
    expect(await companies(app)).toMatchObject([{ companyId: 'primary', realmId: sandboxA.realmId, state: 'connected' }]);
    expect(await app.call('qbo:queryAll', { companyId: 'primary', entity: 'Customer' })).toMatchObject({ ok: true });
  });

  it('disconnecting one company leaves the other connected', async () => {
    const { second } = await twoCompanies();
    expect(await app.call('qbo:disconnectCompany', { companyId: 'primary' })).toMatchObject({ ok: true, value: { state: 'disconnected', realmId: sandboxA.realmId } });
    expect(await app.store.get(connectionKey('primary'))).toBeNull();
    expect(await companies(app)).toMatchObject([
      { companyId: 'primary', state: 'disconnected' },
      { companyId: second.companyId, state: 'connected' },
    ]);
    expect(await app.call('qbo:queryAll', { companyId: second.companyId, entity: 'Customer' })).toMatchObject({ ok: true });
    expect(await app.call('qbo:queryAll', { companyId: 'primary', entity: 'Customer' })).toMatchObject({ ok: false, error: { kind: 'auth' } });
  });

  it('a throttle on one company’s realm does not slow the other company', async () => {
    const { second } = await twoCompanies();
    // QuickBooks said 429 to company A: A's realm waits a minute…
    app.service.limiters.forRealm(sandboxA.realmId).backOff(60_000);
    expect(app.service.limiters.forRealm(sandboxA.realmId).pausedFor()).toBeGreaterThan(50_000);
    // …while B's requests go straight through.
    const before = proxyB.apiCalls().length;
    expect(await app.call('qbo:queryAll', { companyId: second.companyId, entity: 'Customer' })).toMatchObject({ ok: true });
    expect(proxyB.apiCalls().length).toBeGreaterThan(before);
  });

  it('keeps using the servers that issued a company’s tokens when Settings point elsewhere later', async () => {
    app = makeApp();
    await useServer(app, proxyA.url);
    await connectNew(app);
    await useServer(app, proxyA2.url);
    // Past the access token's hour: the next call refreshes first.
    app.clock.advance(2 * 3600_000);
    const tokenCalls = proxyA.tokenCalls();
    const apiCalls = proxyA.apiCalls().length;
    expect(await app.call('qbo:queryAll', { companyId: 'primary', entity: 'Customer' })).toMatchObject({ ok: true });
    expect(proxyA.tokenCalls()).toBe(tokenCalls + 1);
    expect(proxyA.apiCalls().length).toBeGreaterThan(apiCalls);
    // After a restart too, and for the revoke on disconnect.
    await app.dispose();
    app = makeApp();
    expect(await app.call('qbo:queryAll', { companyId: 'primary', entity: 'Customer' })).toMatchObject({ ok: true });
    expect(await app.call('qbo:disconnectCompany', { companyId: 'primary' })).toMatchObject({ ok: true, value: { message: null } });
    expect(proxyA.records.some((r) => r.path === '/v2/oauth2/tokens/revoke')).toBe(true);
    expect(proxyA2.records).toEqual([]); // the new server saw nothing: no token, no client secret
  });

  it('never sends a stored client secret to a sign-in server typed in after it (issue 14)', async () => {
    app = makeQboApp({ dataDir, env: {} });
    const own = { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret };
    expect(await app.call('qbo:saveSettings', { environment: 'custom', customApiBase: proxyA.url, customOAuthBase: proxyA.url, ...own })).toMatchObject({ ok: true });
    await connectNew(app);
    // Someone points Settings at another server (and changes the client id) but cannot know the secret.
    expect(await app.call('qbo:saveSettings', { environment: 'custom', customApiBase: proxyA2.url, customOAuthBase: proxyA2.url, clientId: 'attacker-app' })).toMatchObject({ ok: true });
    const refused = await app.call('qbo:connectCompany', {});
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect((refused as { error: { message: string } }).error.message).toContain('entered for another sign-in server');
    expect(proxyA2.records).toEqual([]);
    // The connected company keeps its own keys and server: its refresh still works, at its server.
    app.clock.advance(2 * 3600_000);
    const tokenCalls = proxyA.tokenCalls();
    expect(await app.call('qbo:queryAll', { companyId: 'primary', entity: 'Customer' })).toMatchObject({ ok: true });
    expect(proxyA.tokenCalls()).toBe(tokenCalls + 1);
    expect(proxyA2.records).toEqual([]);
    // Entered again for the new server, the secret goes there.
    expect(await app.call('qbo:saveSettings', { environment: 'custom', customApiBase: proxyA2.url, customOAuthBase: proxyA2.url, ...own })).toMatchObject({ ok: true });
    await expect(connectNew(app)).resolves.toMatchObject({ state: 'connected' });
    expect(proxyA2.tokenCalls()).toBeGreaterThan(0);
  });

  it('puts the demo company beside a real one, each answering from its own server', async () => {
    app = makeApp();
    await useServer(app, proxyA.url);
    await connectNew(app);
    const demo = await connectApproved(app, 'qbo:startDemo');
    expect(demo).toMatchObject({ ok: true, value: { companyId: expect.stringMatching(/^co-/), environment: 'demo', state: 'connected' } });
    const demoId = (demo as { value: QboStatus }).value.companyId;
    expect((await companies(app)).map((c) => c.environment)).toEqual(['custom', 'demo']);

    const name = `Demo only ${crypto.randomUUID().slice(0, 8)}`;
    const apiCalls = proxyA.apiCalls().length;
    await createCustomer(app, demoId, name);
    expect(await customersNamed(app, demoId, name)).toHaveLength(1);
    expect(proxyA.apiCalls().length).toBe(apiCalls); // the demo's calls never reach company A's server
    expect(await customersNamed(app, 'primary', name)).toHaveLength(0);

    expect(await app.call('qbo:disconnectCompany', { companyId: demoId })).toMatchObject({ ok: true, value: { state: 'disconnected' } });
    expect(app.service.status('primary').state).toBe('connected');
    expect(await app.call('qbo:queryAll', { companyId: 'primary', entity: 'Customer' })).toMatchObject({ ok: true });
    // Trying the demo again brings back the same demo company.
    expect(await connectApproved(app, 'qbo:startDemo')).toMatchObject({ ok: true, value: { companyId: demoId, state: 'connected' } });
    expect(await companies(app)).toHaveLength(2);
  });

  it('opens one consent page at a time, whichever company it is for', async () => {
    app = makeApp();
    await useServer(app, proxyA.url);
    const pending = app.call('qbo:connectCompany', {});
    await waitFor(() => app.opened.at(-1));
    expect(await app.call('qbo:connectCompany', {})).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringMatching(/already open/) } });
    expect(await app.call('qbo:startDemo')).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(app.opened).toHaveLength(1);
    await app.call('qbo:cancelConnect');
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringMatching(/cancelled/) } });
    expect(await companies(app)).toEqual([]);
  });
});

describe('moving the single connection of earlier versions', () => {
  it('turns the connection saved under qbo.connection into company primary, tokens and all', async () => {
    app = makeApp();
    await useServer(app, proxyA.url);
    await connectNew(app);
    const saved = await storedConnection(app.store);
    await app.dispose();
    // What an earlier version left: one connection under the old key, no endpoints, no company list.
    const { endpoints: _, ...old } = saved;
    await app.store.set(LEGACY_CONNECTION_KEY, JSON.stringify(old));
    await app.store.delete(connectionKey('primary'));
    await rm(join(dataDir, 'qbo-companies.json'));

    app = makeApp();
    expect(await companies(app)).toMatchObject([{ companyId: 'primary', state: 'connected', environment: 'custom', realmId: sandboxA.realmId, companyName: saved.companyName }]);
    expect(await app.store.get(LEGACY_CONNECTION_KEY)).toBeNull();
    const moved = await storedConnection(app.store);
    expect(moved.tokens.refresh_token).toBe(saved.tokens.refresh_token);
    expect(moved.endpoints?.apiBase).toBe(proxyA.url);
    expect(await app.call('qbo:queryAll', { companyId: 'primary', entity: 'Customer' })).toMatchObject({ ok: true });
    // The next company connected is a new one, not 'primary' again.
    await useServer(app, proxyB.url);
    expect(await connectNew(app, OTHER_REALM)).toMatchObject({ companyId: expect.stringMatching(/^co-/) });
  });
});

async function revokeAt(base: string, refreshToken: string) {
  const res = await fetch(`${base}/v2/oauth2/tokens/revoke`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: refreshToken }),
  });
  expect(res.status).toBe(200);
}
