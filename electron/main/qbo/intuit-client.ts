// The one place intuit-oauth is touched. Its endpoints are static, process-wide properties
// (setAuthorizeURLs mutates them), so every operation points them at the configured server
// synchronously right before the call: intuit-oauth reads the URL in the same tick, so two
// operations for different servers cannot mix even when they overlap.
import type OAuthClientType from 'intuit-oauth';
import type { ResolvedQboConfig } from './config';

const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

/** What the token endpoint answered, with the instant we asked (the safe base for expiry maths). */
export interface TokenSet {
  access_token: string;
  refresh_token: string;
  token_type: string;
  /** Seconds the access token lives, from createdAt. */
  expires_in: number;
  /** Seconds the refresh token lives, from createdAt. */
  x_refresh_token_expires_in: number;
  /** UTC ms at which the token request was sent (never later than Intuit's own clock start). */
  createdAt: number;
  realmId: string;
}

/** Token endpoint failures, reduced to what the app acts on. */
export class TokenEndpointError extends Error {
  override readonly name = 'TokenEndpointError';
  constructor(
    message: string,
    /** OAuth error code (`invalid_grant`, `invalid_client`…) or 'network'. */
    readonly code: string,
    readonly intuitTid: string | null,
  ) {
    super(message);
  }
  get isInvalidGrant(): boolean {
    return this.code === 'invalid_grant';
  }
}

const TOKEN_CALL_TIMEOUT_MS = 30_000;

/** Loaded on first use: intuit-oauth pulls in winston and axios, ~0.3 s the app's start-up need not pay. */
let loaded: Promise<typeof OAuthClientType> | null = null;
const loadOAuthClient = () => (loaded ??= import('intuit-oauth').then((m) => m.default));

export async function createIntuitClient(config: ResolvedQboConfig, redirectUri: string) {
  const OAuthClient = await loadOAuthClient();
  // Logging stays off: intuit-oauth's logger writes request headers to ./logs relative to the CWD.
  const client = new OAuthClient({
    environment: config.oauthClientEnvironment,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri,
    logging: false,
  });

  const pointAtServer = () => {
    // All four must be given or the missing ones become undefined (intuit-oauth quirk).
    client.setAuthorizeURLs({ ...config.oauth });
    OAuthClient.environment.sandbox = `${config.apiBase}/`;
    OAuthClient.environment.production = `${config.apiBase}/`;
  };

  async function tokenCall(start: () => Promise<unknown>, realmId: string, sentAt: number): Promise<TokenSet> {
    let raw: Record<string, unknown>;
    try {
      pointAtServer();
      const response = await withTimeout(start());
      raw = ((response as { json?: unknown } | null)?.json ?? client.getToken().getToken()) as Record<string, unknown>;
    } catch (error) {
      throw toTokenError(error);
    }
    const access = raw['access_token'];
    const refresh = raw['refresh_token'];
    if (typeof access !== 'string' || typeof refresh !== 'string' || !access || !refresh) {
      throw new TokenEndpointError('The QuickBooks sign-in server answered without tokens.', 'invalid_response', null);
    }
    return {
      access_token: access,
      refresh_token: refresh,
      token_type: String(raw['token_type'] ?? 'bearer'),
      expires_in: Number(raw['expires_in'] ?? 3600),
      x_refresh_token_expires_in: Number(raw['x_refresh_token_expires_in'] ?? 0),
      createdAt: sentAt,
      realmId,
    };
  }

  return {
    authorizeUri(state: string): string {
      pointAtServer();
      return client.authorizeUri({ scope: [ACCOUNTING_SCOPE], state });
    },
    /** Exchanges the single-use code. `state` was verified by the caller: intuit-oauth does not. */
    exchangeCode(params: { code: string; realmId: string }, sentAt: number): Promise<TokenSet> {
      const query = new URLSearchParams({ code: params.code, realmId: params.realmId }).toString();
      return tokenCall(() => client.createToken(`?${query}`), params.realmId, sentAt);
    },
    refresh(refreshToken: string, realmId: string, sentAt: number): Promise<TokenSet> {
      return tokenCall(() => client.refreshUsingToken(refreshToken), realmId, sentAt);
    },
    async revoke(token: string): Promise<void> {
      try {
        pointAtServer();
        await withTimeout(client.revoke({ refresh_token: token }));
      } catch (error) {
        throw toTokenError(error);
      }
    },
  };
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  // intuit-oauth sends token requests with no timeout; a hung server must not hang the app.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), TOKEN_CALL_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function toTokenError(error: unknown): TokenEndpointError {
  if (error instanceof TokenEndpointError) return error;
  const e = (error ?? {}) as { error?: unknown; error_description?: unknown; message?: unknown; intuit_tid?: unknown; code?: unknown; authResponse?: unknown; originalMessage?: unknown };
  const tid = typeof e.intuit_tid === 'string' && e.intuit_tid ? e.intuit_tid : null;
  const oauthCode = typeof e.error === 'string' ? e.error : '';
  if (/^[a-z_]+$/.test(oauthCode) && oauthCode !== 'timeout') {
    const description = typeof e.error_description === 'string' && e.error_description ? `: ${e.error_description}` : '';
    return new TokenEndpointError(`The QuickBooks sign-in server refused the request (${oauthCode}${description}).`, oauthCode, tid);
  }
  const message = String(e.originalMessage || e.message || oauthCode || 'unknown error');
  return new TokenEndpointError(`Could not reach the QuickBooks sign-in server (${message}).`, 'network', tid);
}
