// The real intuit-oauth client completes Intuit's flow against the sandbox.
import OAuthClient from 'intuit-oauth';
import { expect, it } from 'vitest';
import { startSandbox } from '../../../electron/qbo-sandbox/index';
import { useSandbox } from '../../fixtures/use-sandbox';

const sb = useSandbox(() => startSandbox({ port: 0, controlRoutes: false }));

it('authorizes, exchanges the code, calls the API, refreshes and revokes', async () => {
  const redirectUri = 'http://127.0.0.1:41777/callback';
  OAuthClient.environment.sandbox = `${sb.url}/`;
  const client = new OAuthClient({ environment: 'sandbox', clientId: 'sandbox-client', clientSecret: 'sandbox-secret', redirectUri });
  client.setAuthorizeURLs({
    authorizeEndpoint: `${sb.url}/connect/oauth2`,
    tokenEndpoint: `${sb.url}/oauth2/v1/tokens/bearer`,
    revokeEndpoint: `${sb.url}/v2/oauth2/tokens/revoke`,
    userInfoEndpoint: `${sb.url}/v1/openid_connect/userinfo`,
  });

  const authorizeUri = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting, OAuthClient.scopes.OpenId], state: 'csrf-42' });
  const page = await fetch(authorizeUri);
  expect(await page.text()).toContain('>Approve</button>');

  // Press Approve: post the page's form and follow the redirect by hand.
  const form = new URL(authorizeUri).searchParams;
  form.set('decision', 'approve');
  const approved = await fetch(`${sb.url}/connect/oauth2`, { method: 'POST', body: form, redirect: 'manual' });
  const callback = approved.headers.get('location') as string;
  expect(callback.startsWith(redirectUri)).toBe(true);
  expect(new URL(callback).searchParams.get('state')).toBe('csrf-42');

  const created = await client.createToken(callback);
  const token = created.getJson();
  expect(token.expires_in).toBe(3600);
  expect(token.x_refresh_token_expires_in).toBe(8726400);
  expect(client.getToken().realmId).toBe(sb.realmId);
  expect(client.isAccessTokenValid()).toBe(true);

  const info = await client.makeApiCall({ url: `v3/company/${sb.realmId}/companyinfo/${sb.realmId}?minorversion=75` });
  expect(info.json.CompanyInfo.CompanyName).toBe('Track Nexus Demo Company');
  expect(info.headers.intuit_tid).toBeTruthy();

  const firstRefresh = client.getToken().refresh_token;
  await client.refresh();
  expect(client.getToken().refresh_token).not.toBe(firstRefresh);
  expect(client.getToken().x_refresh_token_expires_in).toBe(8726400);
  const after = await client.makeApiCall({ url: `v3/company/${sb.realmId}/query?query=${encodeURIComponent('select count(*) from Customer')}` });
  expect(after.json.QueryResponse.totalCount).toBeGreaterThan(0);

  const revokedToken = client.getToken().access_token;
  await client.revoke();
  const res = await fetch(`${sb.url}/v3/company/${sb.realmId}/companyinfo/${sb.realmId}`, { headers: { Authorization: `Bearer ${revokedToken}` } });
  expect(res.status).toBe(401);
  await expect(client.refreshUsingToken(firstRefresh)).rejects.toThrow();
});
