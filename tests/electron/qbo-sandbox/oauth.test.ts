import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../electron/qbo-sandbox/index';
import { clock, type Body } from './helpers';

const REDIRECT = 'http://localhost:53682/callback';
const basic = 'Basic ' + Buffer.from('sandbox-client:sandbox-secret').toString('base64');
const ACCOUNTING = 'com.intuit.quickbooks.accounting';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

function authorizeQuery(overrides: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({ client_id: 'sandbox-client', scope: ACCOUNTING, redirect_uri: REDIRECT, response_type: 'code', state: 'st-123', ...overrides });
}

async function decide(s: RunningSandbox, decision: 'approve' | 'deny', overrides: Record<string, string> = {}): Promise<URL> {
  const form = authorizeQuery(overrides);
  form.set('decision', decision);
  const res = await fetch(`${s.url}/connect/oauth2`, { method: 'POST', body: form, redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') as string);
}

async function tokenCall(s: RunningSandbox, body: Record<string, string>, auth = basic) {
  const res = await fetch(`${s.url}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(body),
  });
  return { status: res.status, json: (await res.json()) as Body };
}

async function connect(s: RunningSandbox) {
  const code = (await decide(s, 'approve')).searchParams.get('code') as string;
  return (await tokenCall(s, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).json;
}

const apiCall = (s: RunningSandbox, accessToken: string) =>
  fetch(`${s.url}/v3/company/${s.realmId}/companyinfo/${s.realmId}`, { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' } });

describe('authorize page', () => {
  it('shows the company, the scopes and Approve/Deny buttons', async () => {
    sb = await startSandbox({ port: 0, controlRoutes: false });
    const res = await fetch(`${sb.url}/connect/oauth2?${authorizeQuery()}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Track Nexus Demo Company');
    expect(html).toContain(ACCOUNTING);
    expect(html).toMatch(/<button[^>]*>Approve<\/button>/);
    expect(html).toMatch(/<button[^>]*>Deny<\/button>/);
  });

  it('refuses a redirect URI that is neither https nor localhost', async () => {
    sb = await startSandbox({ port: 0, controlRoutes: false });
    for (const uri of ['http://example.com/cb', 'myapp://callback', 'http://192.168.1.5/cb']) {
      const res = await fetch(`${sb.url}/connect/oauth2?${authorizeQuery({ redirect_uri: uri })}`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('redirect_uri');
    }
    const ok = await fetch(`${sb.url}/connect/oauth2?${authorizeQuery({ redirect_uri: 'https://app.example.com/cb' })}`);
    expect(ok.status).toBe(200);
  });

  it('redirects with code, state and realmId on approve, error=access_denied on deny', async () => {
    sb = await startSandbox({ port: 0, controlRoutes: false });
    const approved = await decide(sb, 'approve');
    expect(approved.origin + approved.pathname).toBe(REDIRECT);
    expect(approved.searchParams.get('code')).toBeTruthy();
    expect(approved.searchParams.get('state')).toBe('st-123');
    expect(approved.searchParams.get('realmId')).toBe(sb.realmId);
    const denied = await decide(sb, 'deny');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('code')).toBeNull();
  });

  it('redirects with error=invalid_scope for an unknown scope', async () => {
    sb = await startSandbox({ port: 0, controlRoutes: false });
    const res = await fetch(`${sb.url}/connect/oauth2?${authorizeQuery({ scope: 'com.example.everything' })}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location') as string).searchParams.get('error')).toBe('invalid_scope');
  });
});

describe('token endpoint', () => {
  it('exchanges a code once for a 1-hour access token and a refresh token', async () => {
    sb = await startSandbox({ port: 0, controlRoutes: false });
    const code = (await decide(sb, 'approve')).searchParams.get('code') as string;
    const first = await tokenCall(sb, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8726400 });
    expect((await apiCall(sb, first.json.access_token)).status).toBe(200);
    const again = await tokenCall(sb, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(again).toEqual({ status: 400, json: { error: 'invalid_grant' } });
  });

  it('wants client Basic auth and the same redirect_uri', async () => {
    sb = await startSandbox({ port: 0, controlRoutes: false });
    const code = (await decide(sb, 'approve')).searchParams.get('code') as string;
    const wrongSecret = 'Basic ' + Buffer.from('sandbox-client:nope').toString('base64');
    expect((await tokenCall(sb, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, wrongSecret)).json).toEqual({ error: 'invalid_client' });
    expect((await tokenCall(sb, { grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:1/other' })).json).toEqual({ error: 'invalid_grant' });
  });

  it('reports the five-year hard expiry when asked with x-include-refresh-token-hard-expires-in', async () => {
    sb = await startSandbox({ port: 0, controlRoutes: false });
    const code = (await decide(sb, 'approve')).searchParams.get('code') as string;
    const res = await fetch(`${sb.url}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded', 'x-include-refresh-token-hard-expires-in': 'true' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }),
    });
    expect(((await res.json()) as Body).x_refresh_token_hard_expires_in).toBe(5 * 365 * 86400);
  });

  it('answers 401 (3200) when the Authorization header is missing or unknown', async () => {
    sb = await startSandbox({ port: 0, controlRoutes: false });
    const none = await fetch(`${sb.url}/v3/company/${sb.realmId}/preferences`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as Body).fault.error[0].code).toBe('3200');
    expect((await apiCall(sb, 'not-a-token')).status).toBe(401);
  });

  it('lets a code expire', async () => {
    const c = clock();
    sb = await startSandbox({ port: 0, controlRoutes: false, now: c.now });
    const code = (await decide(sb, 'approve')).searchParams.get('code') as string;
    c.advance(10 * 60_000);
    expect((await tokenCall(sb, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).json).toEqual({ error: 'invalid_grant' });
  });

  it('expires access tokens after an hour with the 401 AuthenticationFailed gateway fault', async () => {
    const c = clock();
    sb = await startSandbox({ port: 0, controlRoutes: false, now: c.now });
    const tokens = await connect(sb);
    c.advance(3599_000);
    expect((await apiCall(sb, tokens.access_token)).status).toBe(200);
    c.advance(1000);
    const res = await apiCall(sb, tokens.access_token);
    expect(res.status).toBe(401);
    const body = (await res.json()) as Body;
    expect(body.fault.error[0]).toMatchObject({ code: '3200', message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401' });
    expect(body.fault.type).toBe('AUTHENTICATION');
    expect(res.headers.get('intuit_tid')).toBeTruthy();
  });

  it('answers the expired token as the recorded real 401 does: epoch-ms time, WWW-Authenticate, "Token expired: …"', async () => {
    const c = clock();
    sb = await startSandbox({ port: 0, controlRoutes: false, now: c.now });
    const tokens = await connect(sb);
    c.advance(3600_000);
    const res = await apiCall(sb, tokens.access_token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="Intuit", error="invalid_token"');
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as Body;
    expect(body).toEqual({
      warnings: null,
      intuitObject: null,
      fault: {
        error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: `Token expired: ${tokens.access_token}`, code: '3200', element: null }],
        type: 'AUTHENTICATION',
      },
      report: null,
      queryResponse: null,
      batchItemResponse: [],
      attachableResponse: [],
      syncErrorResponse: null,
      requestId: null,
      time: c.now(),
      status: null,
      cdcresponse: [],
    });
  });

  it('rotates refresh tokens; the predecessor works for 24 hours, then invalid_grant', async () => {
    const c = clock();
    sb = await startSandbox({ port: 0, controlRoutes: false, now: c.now });
    const first = await connect(sb);
    const second = (await tokenCall(sb, { grant_type: 'refresh_token', refresh_token: first.refresh_token })).json;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    c.advance(23 * 3600_000);
    expect((await tokenCall(sb, { grant_type: 'refresh_token', refresh_token: first.refresh_token })).status).toBe(200);
    c.advance(3600_000);
    expect((await tokenCall(sb, { grant_type: 'refresh_token', refresh_token: first.refresh_token })).json).toEqual({ error: 'invalid_grant' });
    // The newest one keeps working.
    const latest = (await tokenCall(sb, { grant_type: 'refresh_token', refresh_token: second.refresh_token })).json;
    expect(latest.access_token).toBeTruthy();
  });

  it('expires a refresh token that is not used for its whole lifetime', async () => {
    const c = clock();
    sb = await startSandbox({ port: 0, controlRoutes: false, now: c.now });
    const first = await connect(sb);
    c.advance(8726400_000);
    expect((await tokenCall(sb, { grant_type: 'refresh_token', refresh_token: first.refresh_token })).json).toEqual({ error: 'invalid_grant' });
  });

  it('revokes the whole grant: API 401 and refresh invalid_grant', async () => {
    sb = await startSandbox({ port: 0, controlRoutes: false });
    const tokens = await connect(sb);
    const res = await fetch(`${sb.url}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: { Authorization: basic, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ token: tokens.refresh_token }),
    });
    expect(res.status).toBe(200);
    expect((await apiCall(sb, tokens.access_token)).status).toBe(401);
    expect((await tokenCall(sb, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).json).toEqual({ error: 'invalid_grant' });
  });

  it('answers 403 AuthorizationFailed (3100) for a token without the accounting scope', async () => {
    sb = await startSandbox({ port: 0, controlRoutes: true });
    const tokens = (await (await fetch(`${sb.url}/_sandbox/tokens`, { method: 'POST', body: JSON.stringify({ scope: 'openid email' }) })).json()) as Body;
    const res = await apiCall(sb, tokens.access_token);
    expect(res.status).toBe(403);
    const body = (await res.json()) as Body;
    expect(body.fault.error[0]).toMatchObject({ code: '3100', detail: 'The access token does not have sufficient scope' });
  });

  it('answers 403 for a token used against another company', async () => {
    sb = await startSandbox({ port: 0, controlRoutes: true });
    const tokens = (await (await fetch(`${sb.url}/_sandbox/tokens`, { method: 'POST' })).json()) as Body;
    const res = await fetch(`${sb.url}/v3/company/123145730715194/companyinfo/123145730715194`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(res.status).toBe(403);
  });
});
