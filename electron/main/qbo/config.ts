// Where QuickBooks lives and which keys to use, resolved from Settings, the environment, the
// publisher's app built into a packaged build (publisher.ts) and the demo company. Pure: the caller
// passes the settings, the secret and process.env, so tests and the benchmark can steer it without
// touching globals.
import type { QboEnvironment } from '../../../shared/ipc/domains/qbo';
import { BROKER_SECRET, type PublisherApp } from './publisher';

export type { QboEnvironment };

interface OAuthEndpoints {
  authorizeEndpoint: string;
  tokenEndpoint: string;
  revokeEndpoint: string;
  userInfoEndpoint: string;
}

/** What the user chose in Settings (kept in a plain JSON file: nothing secret in here). */
export interface QboSettings {
  environment: QboEnvironment;
  customApiBase?: string | undefined;
  customOAuthBase?: string | undefined;
  clientId?: string | undefined;
  /** The https page that hands the callback to the loopback listener (production keys only). */
  relayUrl?: string | undefined;
  /**
   * Loopback port for development keys; 0 picks a free port. Intuit matches redirect URIs exactly,
   * so with real development keys register http://127.0.0.1:<port>/callback and set that port here.
   */
  loopbackPort?: number | undefined;
}

export const defaultSettings: QboSettings = { environment: 'sandbox' };

/** A packaged build with the publisher's app connects real companies from the start. */
export function defaultSettingsFor(publisher: PublisherApp | null): QboSettings {
  return publisher ? { environment: 'production' } : { ...defaultSettings };
}

export interface DemoCompanyBases {
  apiBase: string;
  oauthBase: string;
  clientId: string;
  clientSecret: string;
}

export interface ResolvedQboConfig {
  environment: QboEnvironment;
  /** API origin without a trailing slash, e.g. https://quickbooks.api.intuit.com */
  apiBase: string;
  oauth: OAuthEndpoints;
  clientId: string;
  clientSecret: string;
  /** intuit-oauth's own notion; only decides which of its static userinfo URLs it reads. */
  oauthClientEnvironment: 'sandbox' | 'production';
  redirect: { mode: 'loopback'; port: number } | { mode: 'relay'; relayUrl: string };
  /** True when QBO_API_BASE / QBO_OAUTH_BASE replaced what Settings say (shown in Settings). */
  basesFromEnvironment: boolean;
}

const INTUIT_OAUTH: OAuthEndpoints = {
  authorizeEndpoint: 'https://appcenter.intuit.com/connect/oauth2',
  tokenEndpoint: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revokeEndpoint: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
  userInfoEndpoint: 'https://accounts.platform.intuit.com/v1/openid_connect/userinfo',
};

const API_BASES = {
  production: 'https://quickbooks.api.intuit.com',
  sandbox: 'https://sandbox-quickbooks.api.intuit.com',
} as const;

/** A custom OAuth base hosts Intuit's paths on one origin (the local sandbox does). */
function oauthEndpointsAt(oauthBase: string): OAuthEndpoints {
  const base = trimSlash(oauthBase);
  return {
    authorizeEndpoint: `${base}/connect/oauth2`,
    tokenEndpoint: `${base}/oauth2/v1/tokens/bearer`,
    revokeEndpoint: `${base}/v2/oauth2/tokens/revoke`,
    userInfoEndpoint: `${base}/v1/openid_connect/userinfo`,
  };
}

export class QboConfigError extends Error {
  override readonly name = 'QboConfigError';
}

/** The servers a connection talks to; kept with the connection so its tokens never go elsewhere. */
export interface QboEndpoints {
  /** API origin without a trailing slash, e.g. https://quickbooks.api.intuit.com */
  apiBase: string;
  oauth: OAuthEndpoints;
}

interface ResolveInput {
  settings: QboSettings;
  /** The client secret from the SecretStore, if one was saved in Settings. */
  clientSecret: string | null;
  env: Record<string, string | undefined>;
  demo?: DemoCompanyBases | null;
  /** The publisher's app built into this build (null in development and tests). */
  publisher?: PublisherApp | null;
}

/**
 * The publisher's app when the next production connect uses it: keys of the user's own (Settings,
 * else QBO_CLIENT_ID) always win, so "Use my own Intuit keys" overrides the built-in app.
 */
export function publisherFor({ settings, env, publisher }: Pick<ResolveInput, 'settings' | 'env' | 'publisher'>): PublisherApp | null {
  if (!publisher || settings.environment !== 'production') return null;
  return settings.clientId?.trim() || env['QBO_CLIENT_ID']?.trim() ? null : publisher;
}

/** Where the chosen environment lives; QBO_API_BASE / QBO_OAUTH_BASE override every environment. */
export function resolveQboEndpoints(input: Omit<ResolveInput, 'clientSecret'>): QboEndpoints {
  const { apiBase, oauth } = environmentEndpoints(input);
  const envApi = input.env['QBO_API_BASE'];
  const envOAuth = input.env['QBO_OAUTH_BASE'];
  return {
    apiBase: trimSlash(envApi ? checkBase(envApi, 'QBO_API_BASE') : apiBase),
    oauth: envOAuth ? oauthEndpointsAt(checkBase(envOAuth, 'QBO_OAUTH_BASE')) : oauth,
  };
}

function environmentEndpoints(input: Omit<ResolveInput, 'clientSecret'>): QboEndpoints {
  const { settings, env, demo } = input;
  switch (settings.environment) {
    case 'production': {
      // The publisher's broker adds the secret the app does not have (publisher.ts).
      const broker = publisherFor(input)?.brokerBase;
      const oauth = broker
        ? { ...INTUIT_OAUTH, tokenEndpoint: `${broker}/oauth2/v1/tokens/bearer`, revokeEndpoint: `${broker}/v2/oauth2/tokens/revoke` }
        : INTUIT_OAUTH;
      return { apiBase: API_BASES.production, oauth };
    }
    case 'sandbox':
      // Intuit uses the same OAuth endpoints for sandbox and production; only the API base differs.
      return { apiBase: API_BASES.sandbox, oauth: INTUIT_OAUTH };
    case 'custom': {
      if ((!settings.customApiBase || !settings.customOAuthBase) && (!env['QBO_API_BASE'] || !env['QBO_OAUTH_BASE'])) {
        throw new QboConfigError('A custom QuickBooks connection needs both an API base URL and an OAuth base URL in Settings.');
      }
      return {
        apiBase: checkBase(settings.customApiBase ?? env['QBO_API_BASE'] ?? '', 'API base URL'),
        oauth: oauthEndpointsAt(checkBase(settings.customOAuthBase ?? env['QBO_OAUTH_BASE'] ?? '', 'OAuth base URL')),
      };
    }
    case 'demo':
      if (!demo) throw new QboConfigError('The demo company is not running; start it from the QuickBooks screen.');
      return { apiBase: demo.apiBase, oauth: oauthEndpointsAt(demo.oauthBase) };
  }
}

/** The app's keys; the demo company has its own, so a user's real keys are never sent to it. */
function resolveKeys(input: ResolveInput & { boundKeys?: Keys | null }): Keys {
  const { settings, clientSecret, env, demo, boundKeys } = input;
  if (boundKeys && settings.environment !== 'demo') return boundKeys;
  const publisher = publisherFor(input);
  if (publisher) return { clientId: publisher.clientId, clientSecret: BROKER_SECRET };
  const keys =
    settings.environment === 'demo' && demo
      ? { clientId: demo.clientId, clientSecret: demo.clientSecret }
      : { clientId: settings.clientId?.trim() || env['QBO_CLIENT_ID']?.trim() || '', clientSecret: clientSecret || env['QBO_CLIENT_SECRET'] || '' };
  if (!keys.clientId || !keys.clientSecret) {
    throw new QboConfigError(
      'QuickBooks keys are missing: enter the client ID and secret from your Intuit developer app in Settings (or set QBO_CLIENT_ID and QBO_CLIENT_SECRET), or try the demo company.',
    );
  }
  return keys;
}

type Keys = { clientId: string; clientSecret: string };

/**
 * Everything a consent flow or a token call needs. With `bound`, the endpoints are those a
 * connection was made with (so edits in Settings never send its tokens or the secret elsewhere),
 * and with `boundKeys` the keys its tokens were issued to.
 */
export function resolveQboConfig(input: ResolveInput & { bound?: QboEndpoints; boundKeys?: Keys | null }): ResolvedQboConfig {
  const { settings, env } = input;
  const environment = settings.environment;
  const endpoints = input.bound ?? resolveQboEndpoints(input);
  const keys = resolveKeys(input);
  // Intuit accepts only https redirect URIs for production keys, so they go through the relay page.
  // A bound config never opens a consent page, so it needs no redirect.
  const redirect: ResolvedQboConfig['redirect'] =
    environment === 'production' && !input.bound
      ? { mode: 'relay', relayUrl: requireRelay(settings.relayUrl ?? input.publisher?.relayUrl) }
      : { mode: 'loopback', port: settings.loopbackPort ?? 0 };
  return {
    environment,
    apiBase: trimSlash(endpoints.apiBase),
    oauth: endpoints.oauth,
    ...keys,
    oauthClientEnvironment: environment === 'production' ? 'production' : 'sandbox',
    redirect,
    basesFromEnvironment: Boolean(env['QBO_API_BASE'] || env['QBO_OAUTH_BASE']),
  };
}

function requireRelay(url: string | undefined): string {
  if (!url) {
    throw new QboConfigError(
      'Production keys need the https callback page: host resources/qbo-callback/index.html, register its address as the redirect URI of your Intuit app, and enter it in Settings.',
    );
  }
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') throw new QboConfigError('The callback page address must start with https:// (Intuit accepts nothing else).');
  return parsed.toString();
}

function checkBase(value: string, label: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new QboConfigError(`${label} is not a valid URL: ${value}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new QboConfigError(`${label} must be an http(s) URL.`);
  // Plain http only to this machine: tokens would otherwise cross the network in the clear.
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    throw new QboConfigError(`${label} must use https unless it points at this computer (127.0.0.1 or localhost).`);
  }
  return trimSlash(parsed.origin + parsed.pathname);
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}
