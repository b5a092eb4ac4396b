// A person in a build with the publisher's app, end to end: the app's own QuickBooks side (IPC
// router, consent flow, the real intuit-oauth client) with the publisher app a build carries, its
// token calls going to the token broker, which holds the secret and forwards to "Intuit" (the local
// sandbox, with the publisher's keys registered). Connect, refresh and disconnect work; a wrong or
// missing code ends in the app's plain words; the secret is never in the app, a response or a log.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBrokerConfig } from '../../../electron/token-broker/config';
import { startBroker } from '../../../electron/token-broker/server';
import type { PublisherApp } from '../../../electron/main/qbo/publisher';
import { answerConsent, makeQboApp, startRecordingProxy, startTestSandbox, storedConnection, visit, waitFor, type QboApp } from '../qbo/helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const CLIENT_ID = 'ABpublisher123';
const SECRET = 'publisher-secret-7f3c1d9e';
const RELAY = 'https://tracknexus.example/qbo-callback/';

const sandbox = useSandbox(() => startTestSandbox({ clients: [{ clientId: CLIENT_ID, clientSecret: SECRET }] }));
/** Intuit as the broker sees it: counts the token calls that reach it. */
const intuit = useSandbox(() => startRecordingProxy(sandbox.url));
const logLines: string[] = [];
const broker = useSandbox(() =>
  startBroker(
    readBrokerConfig({
      BROKER_CLIENT_ID: CLIENT_ID,
      BROKER_CLIENT_SECRET: SECRET,
      BROKER_TOKEN_URL: `${intuit.url}/oauth2/v1/tokens/bearer`,
      BROKER_REVOKE_URL: `${intuit.url}/v2/oauth2/tokens/revoke`,
      BROKER_PORT: '0',
      BROKER_PATH_PREFIX: '/intuit',
    }),
    { log: (line) => logLines.push(line), now: Date.now },
  ),
);

let dataDir: string;
let app: QboApp;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tn-broker-'));
  // What readPublisherApp makes of a build's variables; the broker is plain http on this machine here.
  const publisher: PublisherApp = { clientId: CLIENT_ID, relayUrl: RELAY, brokerBase: broker.url };
  app = makeQboApp({ dataDir, env: { QBO_API_BASE: sandbox.url }, publisher });
});
afterEach(async () => {
  app.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * Clicks Connect and plays the person's browser: Intuit's consent page (the sandbox plays Intuit),
 * Approve, then the relay page handing the answer to the app's listener. `alter` changes what the
 * relay page forwards.
 */
async function clickConnect(alter: (forwarded: URLSearchParams) => void = () => {}) {
  const pending = app.call('qbo:connectCompany', {});
  const consent = new URL(await waitFor(() => app.opened.at(-1)));
  expect(consent.origin).toBe('https://appcenter.intuit.com');
  const relay = new URL(await answerConsent(`${sandbox.url}${consent.pathname}${consent.search}`, 'approve'));
  expect(relay.origin + relay.pathname).toBe(RELAY);
  const forwarded = new URLSearchParams(relay.search);
  alter(forwarded);
  const port = (forwarded.get('state') ?? relay.searchParams.get('state'))!.split('.')[0];
  await visit(`http://127.0.0.1:${port}/callback?${forwarded}`);
  return pending;
}

describe('connecting without keys of one’s own', () => {
  it('connects, refreshes and disconnects through the broker; the secret stays on the broker', async () => {
    const tokenCalls = intuit.tokenCalls();
    expect(await clickConnect()).toMatchObject({ ok: true, value: { state: 'connected', realmId: sandbox.realmId, companyName: 'Track Nexus Demo Company' } });
    expect(intuit.tokenCalls()).toBe(tokenCalls + 1);
    const first = await storedConnection(app.store);

    // An hour later the access token has run out: the next call refreshes through the broker.
    app.clock.advance(3601_000);
    expect(await app.call('qbo:queryAll', { companyId: 'primary', entity: 'Customer' })).toMatchObject({ ok: true });
    expect(intuit.tokenCalls()).toBe(tokenCalls + 2);
    const refreshed = await storedConnection(app.store);
    expect(refreshed.tokens.refresh_token).not.toBe(first.tokens.refresh_token);

    // Disconnect revokes the grant at Intuit: QuickBooks itself then refuses the tokens.
    expect(await app.call('qbo:disconnectCompany', { companyId: 'primary' })).toMatchObject({ ok: true, value: { state: 'disconnected', message: null } });
    const api = await fetch(`${sandbox.url}/v3/company/${sandbox.realmId}/companyinfo/${sandbox.realmId}`, { headers: { authorization: `Bearer ${refreshed.tokens.access_token}` } });
    expect(api.status).toBe(401);
    expect(logLines.filter((l) => / (token|revoke)/.test(l)).map((l) => l.split(' ').slice(1, -1).join(' '))).toEqual([
      'token authorization_code 200',
      'token refresh_token 200',
      'revoke 200',
    ]);

    await expectSecretNowhere([JSON.stringify(app.sent), JSON.stringify(refreshed), ...logLines]);
  });

  it('says in plain words that the sign-in could not be completed when the code is wrong', async () => {
    const result = await clickConnect((f) => f.set('code', 'AB11-not-a-code-Intuit-gave'));
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'remote', message: 'QuickBooks approved the connection but the sign-in could not be completed: The QuickBooks sign-in server refused the request (invalid_grant).' },
    });
    expect(app.statuses.at(-1)).toMatchObject({ state: 'error', message: expect.stringMatching(/could not be completed/) });
    expect(logLines.at(-1)).toMatch(/ token authorization_code 400 /);
    await expectSecretNowhere([JSON.stringify(app.sent), ...logLines]);
  });

  it('says so when the answer has no code, without troubling the broker', async () => {
    const tokenCalls = intuit.tokenCalls();
    const lines = logLines.length;
    const result = await clickConnect((f) => f.delete('code'));
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/had no authorization code or company id\. Nothing was connected; try again/) } });
    expect(intuit.tokenCalls()).toBe(tokenCalls);
    expect(logLines.length).toBe(lines);
  });
});

/** Not in what crossed to the renderer, the stored connection, the data folder or the log. */
async function expectSecretNowhere(texts: string[]): Promise<void> {
  const basic = Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64');
  for (const name of await readdir(dataDir)) texts.push(await readFile(join(dataDir, name), 'latin1'));
  for (const text of texts) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(basic);
  }
}
