// POST /_sandbox/revoke: the company admin disconnected the app in QuickBooks. Every grant stops
// working at once (API 401, refresh invalid_grant), and a new consent works again; the app's
// end-to-end test uses it to see the "Reconnect QuickBooks" prompt.
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/qbo-sandbox/index';
import { boot } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());

const refresh = (refreshToken: string) =>
  fetch(`${h.sb.url}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('sandbox-client:sandbox-secret').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  });

describe('POST /_sandbox/revoke', () => {
  it('revokes every grant: API calls answer 401 and refreshes invalid_grant', async () => {
    const second = (await h.control('tokens')).json;
    expect((await h.api('GET', 'preferences')).status).toBe(200);
    const r = await h.control('revoke');
    expect(r.status).toBe(200);
    expect(r.json.revoked).toBeGreaterThanOrEqual(2);
    for (const token of [h.token, second.access_token]) {
      const res = await h.api('GET', 'preferences', undefined, { token });
      expect(res.status).toBe(401);
      expect(res.json.fault.error[0].code).toBe('3200');
    }
    const res = await refresh(h.refreshToken);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
    // Revoking again finds nothing left to revoke.
    expect((await h.control('revoke')).json.revoked).toBe(0);
  });

  it('a grant made afterwards works', async () => {
    const fresh = (await h.control('tokens')).json.access_token;
    expect((await h.api('GET', 'preferences', undefined, { token: fresh })).status).toBe(200);
  });

  it('is off unless control routes are enabled', async () => {
    const demo = await startSandbox({ port: 0, controlRoutes: false });
    try {
      expect((await fetch(`${demo.url}/_sandbox/revoke`, { method: 'POST' })).status).toBe(404);
    } finally {
      await demo.close();
    }
  });
});
