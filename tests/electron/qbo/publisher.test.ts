// Connecting without Intuit keys of one's own: a packaged build carries the publisher's client id,
// relay page and token broker (read at build time); a production connect then needs nothing typed
// in, keys of the user's own override it, and the secret is never in the app.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettingsFor, resolveQboConfig, resolveQboEndpoints } from '../../../electron/main/qbo/config';
import { BROKER_SECRET, builtInPublisher, readPublisherApp } from '../../../electron/main/qbo/publisher';
import { makeQboApp, waitFor } from './helpers';

const buildEnv = {
  QBO_PUBLISHER_CLIENT_ID: ' ABpublisher123 ',
  QBO_PUBLISHER_RELAY_URL: 'https://tracknexus.example/qbo-callback/',
  QBO_PUBLISHER_TOKEN_URL: 'https://auth.tracknexus.example/intuit/',
};
const publisher = readPublisherApp(buildEnv)!;

describe('the publisher app a build carries', () => {
  it('is read from the build environment, and absent without a client id', () => {
    expect(publisher).toEqual({
      clientId: 'ABpublisher123',
      relayUrl: 'https://tracknexus.example/qbo-callback/',
      brokerBase: 'https://auth.tracknexus.example/intuit',
    });
    expect(readPublisherApp({})).toBeNull();
    expect(readPublisherApp({ QBO_PUBLISHER_CLIENT_ID: '  ' })).toBeNull();
  });

  it('stops a build whose relay page or broker is missing or not https', () => {
    expect(() => readPublisherApp({ ...buildEnv, QBO_PUBLISHER_RELAY_URL: undefined })).toThrow(/QBO_PUBLISHER_RELAY_URL must be set/);
    expect(() => readPublisherApp({ ...buildEnv, QBO_PUBLISHER_TOKEN_URL: 'http://auth.tracknexus.example' })).toThrow(/QBO_PUBLISHER_TOKEN_URL must be an https/);
  });

  it('is not in development builds or tests (nothing defines it)', () => {
    expect(builtInPublisher()).toBeNull();
  });

  it('makes production the first environment of a build that has it, sandbox otherwise', () => {
    expect(defaultSettingsFor(publisher).environment).toBe('production');
    expect(defaultSettingsFor(null).environment).toBe('sandbox');
  });
});

describe('resolving a production connect', () => {
  const production = { environment: 'production' as const };

  it('with the built-in app: its client id, the relay page, token and revoke through the broker, consent at Intuit', () => {
    const c = resolveQboConfig({ settings: production, clientSecret: null, env: {}, publisher });
    expect(c.clientId).toBe('ABpublisher123');
    expect(c.clientSecret).toBe(BROKER_SECRET);
    expect(c.redirect).toEqual({ mode: 'relay', relayUrl: 'https://tracknexus.example/qbo-callback/' });
    expect(c.oauth).toEqual({
      authorizeEndpoint: 'https://appcenter.intuit.com/connect/oauth2',
      tokenEndpoint: 'https://auth.tracknexus.example/intuit/oauth2/v1/tokens/bearer',
      revokeEndpoint: 'https://auth.tracknexus.example/intuit/v2/oauth2/tokens/revoke',
      userInfoEndpoint: 'https://accounts.platform.intuit.com/v1/openid_connect/userinfo',
    });
    expect(c.apiBase).toBe('https://quickbooks.api.intuit.com');
  });

  it('without it and without keys: asks for keys, as before', () => {
    expect(() => resolveQboConfig({ settings: production, clientSecret: null, env: {}, publisher: null })).toThrow(/keys are missing/);
  });

  it('keys of the user’s own override the built-in app and talk to Intuit directly', () => {
    const own = resolveQboConfig({ settings: { ...production, clientId: 'my-id' }, clientSecret: 'my-secret', env: {}, publisher });
    expect([own.clientId, own.clientSecret]).toEqual(['my-id', 'my-secret']);
    expect(own.oauth.tokenEndpoint).toBe('https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer');
    // Their own relay page if they set one, else the publisher's (register it in their Intuit app).
    expect(own.redirect).toEqual({ mode: 'relay', relayUrl: 'https://tracknexus.example/qbo-callback/' });
    const withRelay = resolveQboConfig({ settings: { ...production, clientId: 'my-id', relayUrl: 'https://me.example/cb' }, clientSecret: 'my-secret', env: {}, publisher });
    expect(withRelay.redirect).toEqual({ mode: 'relay', relayUrl: 'https://me.example/cb' });
    const fromEnv = resolveQboConfig({ settings: production, clientSecret: null, env: { QBO_CLIENT_ID: 'env-id', QBO_CLIENT_SECRET: 'env-secret' }, publisher });
    expect(fromEnv.clientId).toBe('env-id');
  });

  it('leaves sandbox and the demo company alone: the built-in app is for real companies', () => {
    expect(() => resolveQboConfig({ settings: { environment: 'sandbox' }, clientSecret: null, env: {}, publisher })).toThrow(/keys are missing/);
    expect(resolveQboEndpoints({ settings: { environment: 'sandbox' }, env: {}, publisher }).oauth.tokenEndpoint).toBe('https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer');
  });
});

describe('a person in a build with the publisher app', () => {
  it('sees production chosen and just clicks Connect: Intuit’s consent page opens for the publisher’s app, returning to the relay page', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tn-publisher-'));
    const app = makeQboApp({ dataDir, env: {}, publisher });
    try {
      expect(await app.call('qbo:getSettings')).toMatchObject({ ok: true, value: { environment: 'production', publisherApp: true, clientId: null } });
      const connecting = app.call('qbo:connectCompany', {});
      const url = new URL(await waitFor(() => app.opened[0]));
      expect(url.origin + url.pathname).toBe('https://appcenter.intuit.com/connect/oauth2');
      expect(url.searchParams.get('client_id')).toBe('ABpublisher123');
      expect(url.searchParams.get('redirect_uri')).toBe('https://tracknexus.example/qbo-callback/');
      await app.call('qbo:cancelConnect');
      await connecting;
    } finally {
      app.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
