// The token broker on its own: it forwards only the two requests the app makes, rebuilt from checked
// fields, to the configured Intuit addresses and nowhere else; everything else is refused before
// Intuit hears of it, in OAuth's words; the secret is in no answer and no log line.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readBrokerConfig } from '../../../electron/token-broker/config';
import { startBroker } from '../../../electron/token-broker/server';
import { control, manualClock, startRecordingProxy, startTestSandbox } from '../qbo/helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const CLIENT_ID = 'ABpublisher123';
const SECRET = 'publisher-secret-7f3c1d9e';
const TOKEN_PATH = '/oauth2/v1/tokens/bearer';
const REVOKE_PATH = '/v2/oauth2/tokens/revoke';
const APP_AUTH = `Basic ${Buffer.from(`${CLIENT_ID}:held-by-the-publisher`).toString('base64')}`;
const FORM = 'application/x-www-form-urlencoded';

const sandbox = useSandbox(() => startTestSandbox({ clients: [{ clientId: CLIENT_ID, clientSecret: SECRET }] }));
const intuit = useSandbox(() => startRecordingProxy(sandbox.url));
const logLines: string[] = [];
const answers: string[] = [];
const clock = manualClock();

function brokerEnv(upstream: string, extra: Record<string, string> = {}) {
  return { BROKER_CLIENT_ID: CLIENT_ID, BROKER_CLIENT_SECRET: SECRET, BROKER_TOKEN_URL: `${upstream}${TOKEN_PATH}`, BROKER_REVOKE_URL: `${upstream}${REVOKE_PATH}`, BROKER_PORT: '0', ...extra };
}
const start = (env: Record<string, string>) => startBroker(readBrokerConfig(env), { log: (l) => logLines.push(l), now: clock.now });
const broker = useSandbox(() => start(brokerEnv(intuit.url, { BROKER_RATE_LIMIT: '0' })));

/** POSTs to the broker and keeps the whole answer (status line, headers, body) for the secret check. */
async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { authorization: APP_AUTH, 'content-type': FORM, ...headers }, body });
  const text = await res.text();
  answers.push(`${res.status} ${JSON.stringify([...res.headers])} ${text}`);
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}
const token = (form: Record<string, string>, headers?: Record<string, string>) => post(`${broker.url}${TOKEN_PATH}`, new URLSearchParams(form).toString(), headers);

describe('what it forwards', () => {
  it('refreshes and revokes with the real secret, passing Intuit’s answer back uncached', async () => {
    const granted = await control(sandbox, 'tokens', { clientId: CLIENT_ID });
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: String(granted['refresh_token']) });
    expect(refreshed).toMatchObject({ status: 200, json: { token_type: 'bearer', expires_in: 3600 } });
    expect(refreshed.headers.get('cache-control')).toBe('no-store');
    expect(refreshed.headers.get('intuit_tid')).toBeTruthy();

    const revoked = await post(`${broker.url}${REVOKE_PATH}`, JSON.stringify({ token: String(refreshed.json!['refresh_token']) }), { 'content-type': 'application/json' });
    expect(revoked.status).toBe(200);
    // Revoked at Intuit: the grant's tokens are refused now.
    expect(await token({ grant_type: 'refresh_token', refresh_token: String(refreshed.json!['refresh_token']) })).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
  });

  it('passes Intuit’s refusal of a wrong code back as it is', async () => {
    const calls = intuit.tokenCalls();
    const wrong = await token({ grant_type: 'authorization_code', code: 'AB11-wrong', redirect_uri: 'https://tracknexus.example/qbo-callback/' });
    expect(wrong).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    expect(intuit.tokenCalls()).toBe(calls + 1);
  });
});

describe('when Intuit does not play along', () => {
  it('says in the log when Intuit refuses the broker’s own keys, without the keys', async () => {
    const b = await start({ ...brokerEnv(intuit.url), BROKER_CLIENT_SECRET: 'an-old-secret-2a9c' });
    try {
      expect(await post(`${b.url}${TOKEN_PATH}`, 'grant_type=refresh_token&refresh_token=r')).toMatchObject({ status: 401, json: { error: 'invalid_client' } });
      expect(logLines).toContain("Intuit refused the broker's keys (invalid_client): check BROKER_CLIENT_ID and BROKER_CLIENT_SECRET.");
      expect(logLines.join('\n')).not.toContain('an-old-secret-2a9c');
    } finally {
      await b.close();
    }
  });

  it('answers 502 in words when Intuit cannot be reached', async () => {
    const gone = await listen(() => undefined);
    await gone.close();
    const b = await start(brokerEnv(gone.url));
    try {
      const answer = await post(`${b.url}${REVOKE_PATH}`, '{"token":"AB11x"}', { 'content-type': 'application/json' });
      expect(answer).toMatchObject({ status: 502, json: { error: 'temporarily_unavailable', error_description: 'The sign-in service could not reach Intuit. Try again in a few minutes.' } });
      expect(logLines.at(-1)).toMatch(/ revoke: Intuit could not be reached \(ECONNREFUSED\) 502 /);
    } finally {
      await b.close();
    }
  });
});

describe('what it refuses before Intuit hears of it', () => {
  const refusals: Array<[string, () => Promise<{ status: number; json: Record<string, unknown> | null }>, number, string, RegExp]> = [
    ['a missing code', () => token({ grant_type: 'authorization_code', redirect_uri: 'https://tracknexus.example/cb' }), 400, 'invalid_request', /authorization code is missing/],
    ['a redirect that is not https', () => token({ grant_type: 'authorization_code', code: 'AB11x', redirect_uri: 'http://evil.example/cb' }), 400, 'invalid_request', /https relay page/],
    ['another grant', () => token({ grant_type: 'client_credentials' }), 400, 'unsupported_grant_type', /Only authorization codes and refresh tokens/],
    ['a repeated parameter', () => post(`${broker.url}${TOKEN_PATH}`, 'grant_type=refresh_token&refresh_token=a&refresh_token=b'), 400, 'invalid_request', /more than once/],
    ['a JSON token request', () => post(`${broker.url}${TOKEN_PATH}`, '{"grant_type":"refresh_token"}', { 'content-type': 'application/json' }), 400, 'invalid_request', /x-www-form-urlencoded/],
    ['a revoke without a token', () => post(`${broker.url}${REVOKE_PATH}`, '{}', { 'content-type': 'application/json' }), 400, 'invalid_request', /token to revoke is missing/],
    ['no Authorization header', () => token({ grant_type: 'refresh_token', refresh_token: 'r' }, { authorization: '' }), 401, 'invalid_client', /only serves the app/],
    ['another app’s client id', () => token({ grant_type: 'refresh_token', refresh_token: 'r' }, { authorization: `Basic ${Buffer.from('other-app:x').toString('base64')}` }), 401, 'invalid_client', /only serves the app/],
    ['any other path', () => post(`${broker.url}/v3/company/1/query`, 'select'), 404, 'not_found', /only exchanges and revokes/],
    ['a body over 8 KB', () => token({ grant_type: 'refresh_token', refresh_token: 'r'.repeat(9000) }), 413, 'invalid_request', /too large/],
  ];
  it.each(refusals)('%s', async (_, send, status, error, words) => {
    const calls = intuit.records.length;
    const answer = await send();
    expect(answer).toMatchObject({ status, json: { error, error_description: expect.stringMatching(words) } });
    expect(intuit.records.length).toBe(calls);
  });

  it('is not a proxy: a GET, or a request for another host, goes nowhere (a health check answers)', async () => {
    const calls = intuit.records.length;
    expect(await (await fetch(`${broker.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${broker.url}${TOKEN_PATH}`)).status).toBe(405);
    expect(await rawRequest(broker.url, `http://evil.example${TOKEN_PATH}`)).toBe(400);
    expect(intuit.records.length).toBe(calls);
  });

  it('never follows a redirect from the token address, so the secret goes nowhere else', async () => {
    const heardAuthorization: string[] = [];
    const elsewhere = await listen((req) => heardAuthorization.push(req.headers.authorization ?? ''));
    const redirecting = await listen(() => undefined, (res) => res.writeHead(307, { location: `${elsewhere.url}${TOKEN_PATH}` }).end());
    const b = await start(brokerEnv(redirecting.url));
    try {
      const answer = await post(`${b.url}${TOKEN_PATH}`, 'grant_type=refresh_token&refresh_token=r');
      expect(answer).toMatchObject({ status: 502, json: { error: 'temporarily_unavailable', error_description: expect.stringMatching(/could not reach Intuit/) } });
      expect(heardAuthorization).toEqual([]);
    } finally {
      await Promise.all([b.close(), elsewhere.close(), redirecting.close()]);
    }
  });

  it('limits each address to its requests a minute, then lets it in again', async () => {
    const b = await start(brokerEnv(intuit.url, { BROKER_RATE_LIMIT: '2' }));
    try {
      const send = () => post(`${b.url}${TOKEN_PATH}`, 'grant_type=client_credentials');
      expect((await send()).status).toBe(400);
      expect((await send()).status).toBe(400);
      expect(await send()).toMatchObject({ status: 429, json: { error: 'slow_down' } });
      clock.advance(60_000);
      expect((await send()).status).toBe(400);
    } finally {
      await b.close();
    }
  });
});

it('keeps the secret out of every answer and every log line, which name no token either', () => {
  expect(answers.length).toBeGreaterThan(10);
  const basic = Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64');
  for (const text of [...answers, ...logLines]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(basic);
  }
  for (const line of logLines) expect(line).not.toMatch(/AB11|eyJ|refresh_token=|rrrr/);
  expect(logLines.some((l) => / token refresh_token 200 \d+ms$/.test(l))).toBe(true);
});

/** A request whose target is an absolute URL, as a client speaking to a proxy sends it. */
function rawRequest(base: string, target: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method: 'POST', path: target, headers: { authorization: APP_AUTH } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('grant_type=refresh_token&refresh_token=r');
  });
}

async function listen(hear: (req: IncomingMessage) => void, answer: (res: ServerResponse) => void = (res) => res.end('{}')) {
  const server = createServer((req, res) => {
    hear(req);
    answer(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
