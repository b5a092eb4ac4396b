// Which server and which keys: Settings choose the environment, QBO_API_BASE/QBO_OAUTH_BASE
// override it for tests and benchmarks, production keys must go through the https relay page,
// and tokens never travel over plain http to another machine.
import { describe, expect, it } from 'vitest';
import { resolveQboConfig, QboConfigError } from '../../../electron/main/qbo/config';

const keys = { QBO_CLIENT_ID: 'id-from-env', QBO_CLIENT_SECRET: 'secret-from-env' };

describe('resolveQboConfig', () => {
  it('uses Intuit endpoints and the sandbox API for development keys, with the loopback listener', () => {
    const c = resolveQboConfig({ settings: { environment: 'sandbox' }, clientSecret: null, env: keys });
    expect(c.apiBase).toBe('https://sandbox-quickbooks.api.intuit.com');
    expect(c.oauth.tokenEndpoint).toBe('https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer');
    expect(c.redirect).toEqual({ mode: 'loopback', port: 0 });
    expect(c.clientId).toBe('id-from-env');
  });

  it('sends production keys through the https relay page and says how to set it up when missing', () => {
    expect(() => resolveQboConfig({ settings: { environment: 'production' }, clientSecret: null, env: keys })).toThrow(/resources\/qbo-callback/);
    expect(() => resolveQboConfig({ settings: { environment: 'production', relayUrl: 'http://example.com/cb' }, clientSecret: null, env: keys })).toThrow(/https/);
    const c = resolveQboConfig({ settings: { environment: 'production', relayUrl: 'https://example.com/cb/' }, clientSecret: null, env: keys });
    expect(c.apiBase).toBe('https://quickbooks.api.intuit.com');
    expect(c.redirect).toEqual({ mode: 'relay', relayUrl: 'https://example.com/cb/' });
  });

  it('lets QBO_API_BASE and QBO_OAUTH_BASE override every environment', () => {
    const env = { ...keys, QBO_API_BASE: 'http://127.0.0.1:9000', QBO_OAUTH_BASE: 'http://127.0.0.1:9001/' };
    const c = resolveQboConfig({ settings: { environment: 'sandbox' }, clientSecret: null, env });
    expect(c.apiBase).toBe('http://127.0.0.1:9000');
    expect(c.oauth).toMatchObject({
      authorizeEndpoint: 'http://127.0.0.1:9001/connect/oauth2',
      tokenEndpoint: 'http://127.0.0.1:9001/oauth2/v1/tokens/bearer',
      revokeEndpoint: 'http://127.0.0.1:9001/v2/oauth2/tokens/revoke',
    });
    expect(c.basesFromEnvironment).toBe(true);
  });

  it('prefers keys from Settings, and never sends real keys to the demo company', () => {
    const c = resolveQboConfig({ settings: { environment: 'sandbox', clientId: 'id-from-settings' }, clientSecret: 'secret-from-store', env: keys });
    expect([c.clientId, c.clientSecret]).toEqual(['id-from-settings', 'secret-from-store']);
    const demo = resolveQboConfig({
      settings: { environment: 'demo', clientId: 'id-from-settings' },
      clientSecret: 'secret-from-store',
      env: {},
      demo: { apiBase: 'http://127.0.0.1:5000', oauthBase: 'http://127.0.0.1:5000', clientId: 'sandbox-client', clientSecret: 'sandbox-secret' },
    });
    expect([demo.clientId, demo.clientSecret]).toEqual(['sandbox-client', 'sandbox-secret']);
  });

  it('refuses plain http to another machine and explains missing keys', () => {
    expect(() =>
      resolveQboConfig({ settings: { environment: 'custom', customApiBase: 'http://qbo.example.com', customOAuthBase: 'https://a.example.com' }, clientSecret: null, env: keys }),
    ).toThrow(/must use https unless it points at this computer/);
    expect(() => resolveQboConfig({ settings: { environment: 'sandbox' }, clientSecret: null, env: {} })).toThrow(QboConfigError);
  });
});
