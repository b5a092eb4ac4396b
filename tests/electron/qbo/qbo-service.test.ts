// The QuickBooks screen's view of main: connect through the IPC router with the real consent
// flow, tokens kept encrypted and never sent to the renderer, invalid_grant leading to
// "Reconnect QuickBooks" with nothing lost, and disconnect revoking the grant at the server.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionKey } from '../../../electron/main/qbo/token-keeper';
import { fileSecretStore } from '../../../electron/main/secrets/file-secret-store';
import type { SecretStore } from '../../../electron/main/ports';
import type { QboStatus } from '../../../shared/ipc/contract';
import { DEFAULT_CLIENT, answerConsent, connectApproved, makeQboApp, storedConnection, visit, waitFor, startRecordingProxy, startTestSandbox } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const sandbox = useSandbox(() => startTestSandbox());
const proxy = useSandbox(() => startRecordingProxy(sandbox.url));

let dataDir: string;
let app: ReturnType<typeof makeApp>;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tn-qbo-'));
});
afterEach(async () => {
  await app?.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

function makeApp(options: { env?: Record<string, string>; store?: SecretStore } = {}) {
  return makeQboApp({
    dataDir,
    env: options.env ?? { QBO_API_BASE: proxy.url, QBO_OAUTH_BASE: proxy.url, QBO_CLIENT_ID: DEFAULT_CLIENT.clientId, QBO_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret },
    store: options.store ?? fileSecretStore(dataDir),
  });
}

const primary = { companyId: 'primary' };

describe('connect and status', () => {
  it('connects through the browser, shows the company and keeps the tokens out of every response', async () => {
    app = makeApp();
    expect(await app.call('qbo:getStatus', primary)).toMatchObject({ ok: true, value: { state: 'disconnected' } });
    const result = await connectApproved(app);
    expect(result).toMatchObject({ ok: true, value: { companyId: 'primary', state: 'connected', realmId: sandbox.realmId, awaitingBrowser: false } });
    expect((result as { value: QboStatus }).value.companyName).toBeTruthy();
    expect(app.statuses.map((s) => s.state)).toContain('connecting');
    expect(app.statuses.at(-1)).toMatchObject({ companyId: 'primary', state: 'connected' });
    expect(await app.call('qbo:listCompanies')).toMatchObject({ ok: true, value: { companies: [{ companyId: 'primary', state: 'connected' }] } });

    await app.call('qbo:getCompany', primary);
    await app.call('qbo:getSettings');
    await app.call('qbo:queryAll', { ...primary, entity: 'Customer' });
    const { tokens } = await storedConnection(app.store);
    const everything = JSON.stringify(app.sent);
    expect(everything).not.toContain(tokens.access_token);
    expect(everything).not.toContain(tokens.refresh_token);
    expect(everything).not.toContain(DEFAULT_CLIENT.clientSecret);

    // At rest: no file in the data folder holds a token in the clear.
    for (const name of await readdir(dataDir)) {
      const text = await readFile(join(dataDir, name), 'latin1');
      expect(text).not.toContain(tokens.refresh_token);
      expect(text).not.toContain(tokens.access_token);
    }
  });

  it('restores a saved connection after a restart without asking again', async () => {
    app = makeApp();
    await connectApproved(app);
    await app.dispose();
    app = makeApp();
    expect(await app.call('qbo:getStatus', primary)).toMatchObject({ ok: true, value: { state: 'connected', realmId: sandbox.realmId } });
    expect(await app.call('qbo:readEntity', { ...primary, entity: 'CompanyInfo', id: sandbox.realmId })).toMatchObject({ ok: true });
  });

  it('says clearly when the person denies access', async () => {
    app = makeApp();
    const pending = app.call('qbo:connectCompany', {});
    const url = await waitFor(() => app.opened.at(-1));
    await visit(await answerConsent(url, 'deny'));
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'auth', message: expect.stringMatching(/denied/) } });
    expect(app.statuses.at(-1)).toMatchObject({ companyId: 'primary', state: 'disconnected', message: expect.stringMatching(/denied/) });
    expect(app.service.list()).toEqual([]); // no company was added
  });

  it('cancels a connection waiting on the browser', async () => {
    app = makeApp();
    const pending = app.call('qbo:connectCompany', {});
    await waitFor(() => app.opened.at(-1));
    expect(await app.call('qbo:cancelConnect')).toEqual({ ok: true, value: { cancelled: true } });
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringMatching(/cancelled/) } });
    expect(app.statuses.at(-1)).toMatchObject({ companyId: 'primary', state: 'disconnected', awaitingBrowser: false });
  });

  it('asks for keys when neither Settings nor the environment has them', async () => {
    app = makeApp({ env: {} });
    expect(await app.call('qbo:connectCompany', {})).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/client ID and secret/) } });
  });

  it('uses keys and custom bases saved in Settings, and never returns the secret', async () => {
    app = makeApp({ env: {} });
    const saved = await app.call('qbo:saveSettings', {
      environment: 'custom',
      customApiBase: proxy.url,
      customOAuthBase: proxy.url,
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
    });
    expect(saved).toMatchObject({ ok: true, value: { environment: 'custom', hasClientSecret: true, clientId: DEFAULT_CLIENT.clientId } });
    expect(JSON.stringify(saved)).not.toContain(DEFAULT_CLIENT.clientSecret);
    expect(await readFile(join(dataDir, 'qbo-settings.json'), 'utf8')).not.toContain(DEFAULT_CLIENT.clientSecret);
    expect(await connectApproved(app)).toMatchObject({ ok: true, value: { state: 'connected', environment: 'custom' } });
    // Settings' environment is what the next connect uses: the connected company keeps its own.
    expect(await app.call('qbo:saveSettings', { environment: 'production' })).toMatchObject({ ok: true, value: { environment: 'production' } });
    expect(await app.call('qbo:getStatus', primary)).toMatchObject({ ok: true, value: { state: 'connected', environment: 'custom' } });
    expect(await app.call('qbo:queryAll', { ...primary, entity: 'Customer' })).toMatchObject({ ok: true });
  });
});

describe('data calls over IPC', () => {
  it('returns batch items with their faults as data, and whole-call faults as remote errors', async () => {
    app = makeApp();
    await connectApproved(app);
    const name = `Ipc ${crypto.randomUUID().slice(0, 8)}`;
    const batch = await app.call('qbo:sendBatch', {
      ...primary,
      requestId: crypto.randomUUID(),
      items: [
        { bId: 'a', operation: 'create', entity: 'Customer', body: { DisplayName: name } },
        { bId: 'b', operation: 'create', entity: 'Customer', body: { DisplayName: name } },
      ],
    });
    expect(batch).toMatchObject({ ok: true, value: { items: [{ bId: 'a', entity: 'Customer', fault: null }, { bId: 'b', data: null, fault: { errors: [{ code: '6240' }] } }] } });

    const missing = await app.call('qbo:readEntity', { ...primary, entity: 'Customer', id: '999999' });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'remote', retryable: false, message: expect.stringMatching(/^QuickBooks fault 610/) } });
    expect(missing).toMatchObject({ ok: false, error: { remote: { status: 400, code: '610', intuitTid: expect.stringMatching(/^1-/) } } });

    const all = await app.call('qbo:queryAll', { ...primary, entity: 'Customer', where: `DisplayName = '${name}'` });
    expect(all).toMatchObject({ ok: true, value: { items: [{ DisplayName: name }] } });
    const changes = await app.call('qbo:getChanges', { ...primary, entities: ['Customer'], changedSince: new Date(Date.now() - 60_000).toISOString() });
    expect(changes).toMatchObject({ ok: true });
    expect(await app.call('qbo:sendBatch', { ...primary, requestId: 'x', items: [] })).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });
});

describe('losing and ending the connection', () => {
  it('turns invalid_grant into "Reconnect QuickBooks" and keeps everything else', async () => {
    app = makeApp();
    await connectApproved(app);
    const before = await storedConnection(app.store);
    // Revoke the grant behind the app's back (as a user removing the app in QuickBooks would).
    const revoke = await fetch(`${sandbox.url}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: before.tokens.refresh_token }),
    });
    expect(revoke.status).toBe(200);

    const result = await app.call('qbo:queryAll', { ...primary, entity: 'Customer' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth', retryable: false, message: expect.stringMatching(/Reconnect QuickBooks/) } });
    expect(app.service.status('primary')).toMatchObject({ state: 'reconnect_required', realmId: sandbox.realmId });
    expect(app.statuses.at(-1)?.state).toBe('reconnect_required');
    // Tokens kept for diagnosis, marked unusable; the settings are untouched.
    const after = await storedConnection(app.store);
    expect(after.tokens.refresh_token).toBe(before.tokens.refresh_token);
    expect(after.invalid?.reason).toMatch(/invalid_grant/);
    const tokenCalls = proxy.tokenCalls();
    expect(await app.call('qbo:queryAll', { ...primary, entity: 'Customer' })).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(proxy.tokenCalls()).toBe(tokenCalls); // never tries the dead token again

    // After a restart it still says so, and reconnecting brings it back.
    await app.dispose();
    app = makeApp();
    expect(await app.call('qbo:getStatus', primary)).toMatchObject({ ok: true, value: { state: 'reconnect_required' } });
    expect(await connectApproved(app)).toMatchObject({ ok: true, value: { state: 'connected' } });
    expect(await app.call('qbo:queryAll', { ...primary, entity: 'Customer' })).toMatchObject({ ok: true });
  });

  it('disconnect revokes at QuickBooks: the old refresh token then gets invalid_grant', async () => {
    app = makeApp();
    await connectApproved(app);
    const { tokens } = await storedConnection(app.store);
    // Disconnected, but still listed with its id, name and realm (its synced data stays its own).
    const disconnected = await app.call('qbo:disconnectCompany', primary);
    expect(disconnected).toMatchObject({ ok: true, value: { companyId: 'primary', state: 'disconnected', realmId: sandbox.realmId, companyName: expect.any(String) } });
    expect(await app.call('qbo:listCompanies')).toMatchObject({ ok: true, value: { companies: [{ companyId: 'primary', state: 'disconnected' }] } });
    expect(await app.store.get(connectionKey('primary'))).toBeNull();
    const refresh = await fetch(`${sandbox.url}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
    });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toEqual({ error: 'invalid_grant' });
    expect(await app.call('qbo:queryAll', { ...primary, entity: 'Customer' })).toMatchObject({ ok: false, error: { kind: 'auth', message: expect.stringMatching(/not connected/) } });
  });
});
