// Token custody against the real token endpoint (intuit-oauth → local sandbox, through a
// counting proxy): refresh before expiry, one refresh however many callers wait, the rotated
// refresh token on disk before the new access token is used, invalid_grant reported once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIntuitClient, type TokenSet } from '../../../electron/main/qbo/intuit-client';
import { createQboClient } from '../../../electron/main/qbo/qbo-client';
import { RateLimiterRegistry } from '../../../electron/main/qbo/rate-limiter';
import { connectionKey, ReconnectRequiredError, TokenKeeper, type StoredConnection } from '../../../electron/main/qbo/token-keeper';
import { fileSecretStore } from '../../../electron/main/secrets/file-secret-store';
import type { SecretStore } from '../../../electron/main/ports';
import { control, localConfig, manualClock, startRecordingProxy, startTestSandbox } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const sandbox = useSandbox(() => startTestSandbox());
const proxy = useSandbox(() => startRecordingProxy(sandbox.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tn-keeper-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A grant made without the browser (the consent flow has its own tests). */
async function freshTokens(createdAt: number): Promise<TokenSet> {
  const t = await control(sandbox, 'tokens');
  return {
    access_token: String(t['access_token']),
    refresh_token: String(t['refresh_token']),
    token_type: 'bearer',
    expires_in: Number(t['expires_in']),
    x_refresh_token_expires_in: Number(t['x_refresh_token_expires_in']),
    createdAt,
    realmId: String(t['realmId']),
  };
}

async function makeKeeper(store: SecretStore = fileSecretStore(dir)) {
  const clock = manualClock();
  const reconnects: string[] = [];
  const intuit = await createIntuitClient(localConfig(proxy.url), 'http://127.0.0.1/callback');
  const keeper = new TokenKeeper({
    store,
    key: connectionKey('primary'),
    clock,
    refresher: () => (rt, realmId, sentAt) => intuit.refresh(rt, realmId, sentAt),
    onReconnectRequired: (reason) => reconnects.push(reason),
  });
  const tokens = await freshTokens(clock.now());
  const connection: StoredConnection = { tokens, environment: 'custom', endpoints: null, companyName: null, connectedAt: clock.now(), invalid: null };
  await keeper.save(connection);
  return { keeper, clock, reconnects, tokens, store };
}

const stored = async (store: SecretStore) => JSON.parse((await store.get(connectionKey('primary')))!) as StoredConnection;

describe('TokenKeeper', () => {
  it('uses the access token as is while more than five minutes remain, and refreshes before that', async () => {
    const { keeper, clock, tokens, store } = await makeKeeper();
    const calls = proxy.tokenCalls();
    clock.advance(54 * 60_000); // 6 minutes left
    expect((await keeper.accessToken()).token).toBe(tokens.access_token);
    expect(proxy.tokenCalls()).toBe(calls);

    clock.advance(2 * 60_000); // 4 minutes left
    const fresh = await keeper.accessToken();
    expect(fresh.token).not.toBe(tokens.access_token);
    expect(proxy.tokenCalls()).toBe(calls + 1);
    const onDisk = await stored(store);
    expect(onDisk.tokens.access_token).toBe(fresh.token);
    expect(onDisk.tokens.refresh_token).not.toBe(tokens.refresh_token);
    // Expiry now counts from the refresh, so the next call needs no refresh.
    expect(onDisk.tokens.createdAt).toBe(clock.now());
    await keeper.accessToken();
    expect(proxy.tokenCalls()).toBe(calls + 1);
  });

  it('sends exactly one refresh however many callers need a token at once', async () => {
    const { keeper, clock } = await makeKeeper();
    clock.advance(59 * 60_000);
    const calls = proxy.tokenCalls();
    const results = await Promise.all(Array.from({ length: 20 }, () => keeper.accessToken()));
    expect(proxy.tokenCalls()).toBe(calls + 1);
    expect(new Set(results.map((r) => r.token)).size).toBe(1);
  });

  it('20 concurrent API requests that all meet an expired token cost one refresh and all succeed', async () => {
    const { keeper } = await makeKeeper();
    const client = createQboClient({ apiBase: () => proxy.url, tokens: keeper, limiters: new RateLimiterRegistry() });
    await control(sandbox, 'faults', { expireAccessTokens: true }); // the server says 401 from now on
    const calls = proxy.tokenCalls();
    const apiBefore = proxy.apiCalls().length;
    const results = await Promise.all(Array.from({ length: 20 }, () => client.query('select * from Customer MAXRESULTS 1')));
    expect(results).toHaveLength(20);
    expect(proxy.tokenCalls()).toBe(calls + 1);
    const api = proxy.apiCalls().slice(apiBefore);
    expect(api.filter((r) => r.status === 401).length).toBeGreaterThan(0);
    expect(api.filter((r) => r.status === 200)).toHaveLength(20);
  });

  it('writes the rotated refresh token to the store before handing out the new access token', async () => {
    const real = fileSecretStore(dir);
    let release!: () => void;
    let writing!: () => void;
    let blocked = false;
    const gate = new Promise<void>((r) => (release = r));
    const writeStarted = new Promise<void>((r) => (writing = r));
    const store: SecretStore = {
      ...real,
      get: (k) => real.get(k),
      delete: (k) => real.delete(k),
      describe: () => real.describe(),
      async set(k, v) {
        if (blocked) {
          writing();
          await gate;
        }
        return real.set(k, v);
      },
    };
    const { keeper, clock, tokens } = await makeKeeper(store);
    clock.advance(58 * 60_000);
    blocked = true;
    let handedOut: string | null = null;
    const pending = keeper.accessToken().then((t) => (handedOut = t.token));
    await writeStarted; // the refresh has returned and the rotated tokens are on their way to the store
    await new Promise((r) => setImmediate(r));
    expect(handedOut).toBeNull();
    expect((await stored(real)).tokens.refresh_token).toBe(tokens.refresh_token);
    release();
    await pending;
    const onDisk = await stored(real);
    expect(onDisk.tokens.access_token).toBe(handedOut);
    expect(onDisk.tokens.refresh_token).not.toBe(tokens.refresh_token);
  });

  it('keeps working when persisting a rotated token fails: nothing is used, the next refresh succeeds', async () => {
    const real = fileSecretStore(dir);
    let failNext = false;
    const store: SecretStore = {
      get: (k) => real.get(k),
      delete: (k) => real.delete(k),
      describe: () => real.describe(),
      async set(k, v) {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
        return real.set(k, v);
      },
    };
    const { keeper, clock, tokens } = await makeKeeper(store);
    clock.advance(58 * 60_000);
    failNext = true;
    await expect(keeper.accessToken()).rejects.toThrow('disk full');
    expect((await stored(real)).tokens.refresh_token).toBe(tokens.refresh_token);
    // The old refresh token is still honoured (Intuit gives it 24 hours), so the retry works.
    const fresh = await keeper.accessToken();
    expect((await stored(real)).tokens.access_token).toBe(fresh.token);
  });

  it('reports invalid_grant once, keeps the tokens, and never uses them again', async () => {
    const { keeper, clock, reconnects, store, tokens } = await makeKeeper();
    await fetch(`${sandbox.url}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('sandbox-client:sandbox-secret').toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: tokens.refresh_token }),
    });
    clock.advance(58 * 60_000);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => keeper.accessToken()));
    for (const r of results) expect(r.status === 'rejected' && r.reason).toBeInstanceOf(ReconnectRequiredError);
    expect(reconnects).toHaveLength(1);
    expect(reconnects[0]).toMatch(/invalid_grant/);
    const onDisk = await stored(store);
    expect(onDisk.invalid).not.toBeNull();
    expect(onDisk.tokens.refresh_token).toBe(tokens.refresh_token);
    const calls = proxy.tokenCalls();
    await expect(keeper.accessToken()).rejects.toBeInstanceOf(ReconnectRequiredError);
    expect(proxy.tokenCalls()).toBe(calls);
  });

  it('ignores a late rejection of tokens a reconnect has already replaced', async () => {
    const { keeper, clock, reconnects, store, tokens: old } = await makeKeeper();
    // The user reconnects while a request made with the old token is still on its way back.
    const fresh = await freshTokens(clock.now());
    await keeper.save({ tokens: fresh, environment: 'custom', endpoints: null, companyName: null, connectedAt: clock.now(), invalid: null });
    await keeper.invalidate('QuickBooks rejected a freshly refreshed token (401).', old.access_token);
    expect(reconnects).toEqual([]);
    expect((await stored(store)).invalid).toBeNull();
    expect((await keeper.accessToken()).token).toBe(fresh.access_token);
    // A rejection of the current token still stops it.
    await keeper.invalidate('QuickBooks rejected a freshly refreshed token (401).', fresh.access_token);
    expect(reconnects).toHaveLength(1);
    await expect(keeper.accessToken()).rejects.toBeInstanceOf(ReconnectRequiredError);
  });
});
