// Intuit's OAuth 2.0 server, as the intuit-oauth client and Intuit's docs describe it:
// authorize page with Approve/Deny, single-use codes, Basic-authenticated token endpoint,
// 1-hour access tokens, rotating refresh tokens whose predecessor lives on for 24 hours,
// revocation of the whole grant, and the gateway's 401/403 faults on API calls.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { gatewayFault } from './errors';
import { DAY_MS } from './time';

export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';
const KNOWN_SCOPES = new Set([
  ACCOUNTING_SCOPE,
  'com.intuit.quickbooks.payment',
  'openid',
  'profile',
  'email',
  'phone',
  'address',
]);
const ACCESS_TOKEN_SECONDS = 3600;
/** The value Intuit's own samples show: 101 days, extended on every refresh. */
const REFRESH_TOKEN_SECONDS = 8_726_400;
const PREDECESSOR_GRACE_MS = DAY_MS;
const HARD_EXPIRY_MS = 5 * 365 * DAY_MS;
const CODE_LIFETIME_MS = 5 * 60_000;

export interface OAuthClientCredentials {
  clientId: string;
  clientSecret: string;
}

interface CodeRecord {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  realmId: string;
  expiresAt: number;
  used: boolean;
}
interface GrantRecord {
  clientId: string;
  realmId: string;
  scopes: string[];
  createdAt: number;
  revoked: boolean;
}
interface AccessRecord {
  grantId: string;
  expiresAt: number;
}
interface RefreshRecord {
  grantId: string;
  expiresAt: number;
  supersededAt?: number;
}

export interface OAuthData {
  codes: Record<string, CodeRecord>;
  grants: Record<string, GrantRecord>;
  access: Record<string, AccessRecord>;
  refresh: Record<string, RefreshRecord>;
}

export const emptyOAuth = (): OAuthData => ({ codes: {}, grants: {}, access: {}, refresh: {} });

export interface HttpAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

const token = (prefix: string) => prefix + randomBytes(32).toString('base64url');
const json = (status: number, body: unknown): HttpAnswer => ({
  status,
  headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});
const oauthError = (status: number, error: string, description?: string) =>
  json(status, description ? { error, error_description: description } : { error });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function htmlPage(status: number, title: string, inner: string): HttpAnswer {
  return {
    status,
    headers: { 'content-type': 'text/html;charset=UTF-8' },
    body: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${inner}</body></html>`,
  };
}

/** Intuit's rule for development keys: any https URI, or http on localhost/127.0.0.1 at any port. */
function redirectAllowed(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
}

function redirect(uri: string, params: Record<string, string>): HttpAnswer {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { status: 302, headers: { location: url.toString() } };
}

export type AuthResult = { ok: true } | { ok: false; answer: HttpAnswer };

/** The gateway's refusal; a 401 also names the scheme, as RFC 6750 and the recorded answer do. */
function gatewayAnswer(status: 401 | 403, detail: string, time: number): HttpAnswer {
  const body =
    status === 401
      ? gatewayFault(401, '3200', 'AuthenticationFailed', detail, 'AUTHENTICATION', time)
      : gatewayFault(403, '3100', 'AuthorizationFailed', detail, 'AUTHORIZATION', time);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="Intuit", error="invalid_token"';
  return { status, headers, body: JSON.stringify(body) };
}

export class OAuthServer {
  constructor(
    public data: OAuthData,
    private readonly clients: OAuthClientCredentials[],
    private readonly realmId: string,
    private readonly companyName: () => string,
    private readonly now: () => number,
  ) {}

  private client(id: string | null | undefined): OAuthClientCredentials | undefined {
    return this.clients.find((c) => c.clientId === id);
  }

  /** Checks the authorize parameters; answers an error page for a bad client or redirect URI, as Intuit does. */
  private checkAuthorize(p: URLSearchParams): { answer?: HttpAnswer; scopes: string[]; redirectUri: string } {
    const redirectUri = p.get('redirect_uri') ?? '';
    if (!this.client(p.get('client_id'))) {
      return { scopes: [], redirectUri, answer: htmlPage(400, 'Error', '<h1>Invalid client</h1><p>The client_id is not recognised.</p>') };
    }
    if (!redirectAllowed(redirectUri)) {
      return {
        scopes: [],
        redirectUri,
        answer: htmlPage(400, 'Error', '<h1>Invalid redirect_uri</h1><p>The redirect_uri query parameter value is invalid. Use https, or http on localhost for development keys.</p>'),
      };
    }
    const state = p.get('state') ?? '';
    const scopes = (p.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
    if (p.get('response_type') !== 'code') return { scopes, redirectUri, answer: redirect(redirectUri, { error: 'unsupported_response_type', state }) };
    if (!state) return { scopes, redirectUri, answer: redirect(redirectUri, { error: 'invalid_request', error_description: 'state is required' }) };
    if (scopes.length === 0 || scopes.some((s) => !KNOWN_SCOPES.has(s))) return { scopes, redirectUri, answer: redirect(redirectUri, { error: 'invalid_scope', state }) };
    return { scopes, redirectUri };
  }

  authorizePage(p: URLSearchParams): HttpAnswer {
    const check = this.checkAuthorize(p);
    if (check.answer) return check.answer;
    const hidden = ['client_id', 'redirect_uri', 'scope', 'state', 'response_type']
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(p.get(k) ?? '')}">`)
      .join('');
    return htmlPage(
      200,
      'Connect to QuickBooks',
      `<h1>Connect to ${escapeHtml(this.companyName())}</h1>` +
        `<p>The app is asking for access to:</p><ul>${check.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>` +
        `<form method="post" action="/connect/oauth2">${hidden}` +
        `<button type="submit" name="decision" value="approve">Approve</button> ` +
        `<button type="submit" name="decision" value="deny">Deny</button></form>`,
    );
  }

  /** The person's answer: approve redirects with code/state/realmId, deny with error=access_denied. */
  decide(form: URLSearchParams): HttpAnswer {
    const check = this.checkAuthorize(form);
    if (check.answer) return check.answer;
    const state = form.get('state') ?? '';
    if (form.get('decision') !== 'approve') return redirect(check.redirectUri, { error: 'access_denied', state });
    const code = token('AB11');
    this.data.codes[code] = {
      clientId: form.get('client_id') ?? '',
      redirectUri: check.redirectUri,
      scopes: check.scopes,
      realmId: this.realmId,
      expiresAt: this.now() + CODE_LIFETIME_MS,
      used: false,
    };
    return redirect(check.redirectUri, { code, state, realmId: this.realmId });
  }

  private basicClient(authorization: string | undefined): OAuthClientCredentials | undefined {
    const m = /^Basic\s+(.+)$/i.exec(authorization ?? '');
    if (!m) return undefined;
    const [id, ...rest] = Buffer.from(m[1] as string, 'base64').toString('utf8').split(':');
    const client = this.client(id);
    const secret = Buffer.from(rest.join(':'));
    const expected = Buffer.from(client?.clientSecret ?? '');
    return client && secret.length === expected.length && timingSafeEqual(secret, expected) ? client : undefined;
  }

  /** POST /oauth2/v1/tokens/bearer */
  tokenEndpoint(authorization: string | undefined, params: URLSearchParams, includeHardExpiry: boolean): HttpAnswer {
    const client = this.basicClient(authorization);
    if (!client) return oauthError(401, 'invalid_client');
    const grantType = params.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = this.data.codes[params.get('code') ?? ''];
      if (!code || code.used || code.expiresAt <= this.now() || code.clientId !== client.clientId) return oauthError(400, 'invalid_grant');
      code.used = true;
      if (params.get('redirect_uri') !== code.redirectUri) return oauthError(400, 'invalid_grant');
      // One instant for the grant and its first tokens: a fresh grant has exactly five years left,
      // however many milliseconds this handler takes.
      const now = this.now();
      const grantId = token('g');
      this.data.grants[grantId] = { clientId: client.clientId, realmId: code.realmId, scopes: code.scopes, createdAt: now, revoked: false };
      return json(200, this.issue(grantId, includeHardExpiry, now));
    }
    if (grantType === 'refresh_token') {
      const presented = params.get('refresh_token') ?? '';
      const record = this.data.refresh[presented];
      const grant = record && this.data.grants[record.grantId];
      const now = this.now();
      if (!record || !grant || grant.revoked || grant.clientId !== client.clientId) return oauthError(400, 'invalid_grant');
      if (record.expiresAt <= now) return oauthError(400, 'invalid_grant');
      if (record.supersededAt !== undefined && record.supersededAt + PREDECESSOR_GRACE_MS <= now) return oauthError(400, 'invalid_grant');
      return json(200, this.issue(record.grantId, includeHardExpiry));
    }
    return oauthError(400, 'unsupported_grant_type');
  }

  /** A fresh access/refresh pair for a grant; earlier refresh tokens now have 24 hours left. */
  issue(grantId: string, includeHardExpiry = false, now = this.now()): Record<string, unknown> {
    const grant = this.data.grants[grantId] as GrantRecord;
    for (const r of Object.values(this.data.refresh)) {
      if (r.grantId === grantId && r.supersededAt === undefined) r.supersededAt = now;
    }
    const hardExpiry = grant.createdAt + HARD_EXPIRY_MS;
    const refreshExpiry = Math.min(now + REFRESH_TOKEN_SECONDS * 1000, hardExpiry);
    const access = token('eyJ');
    const refresh = token('AB11');
    this.data.access[access] = { grantId, expiresAt: now + ACCESS_TOKEN_SECONDS * 1000 };
    this.data.refresh[refresh] = { grantId, expiresAt: refreshExpiry };
    return {
      token_type: 'bearer',
      access_token: access,
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: refresh,
      x_refresh_token_expires_in: Math.floor((refreshExpiry - now) / 1000),
      ...(includeHardExpiry ? { x_refresh_token_hard_expires_in: Math.floor((hardExpiry - now) / 1000) } : {}),
    };
  }

  /** A grant made without the browser, for /_sandbox/tokens. */
  grantDirectly(clientId: string, scopes: string[]): Record<string, unknown> {
    const now = this.now();
    const grantId = token('g');
    this.data.grants[grantId] = { clientId, realmId: this.realmId, scopes, createdAt: now, revoked: false };
    return this.issue(grantId, false, now);
  }

  /** POST /v2/oauth2/tokens/revoke: either token of a grant disconnects the whole grant. */
  revoke(authorization: string | undefined, presented: string | undefined): HttpAnswer {
    if (!this.basicClient(authorization)) return oauthError(401, 'invalid_client');
    if (!presented) return oauthError(400, 'invalid_request');
    const record = this.data.access[presented] ?? this.data.refresh[presented];
    const grant = record && this.data.grants[record.grantId];
    if (grant) grant.revoked = true;
    // RFC 7009: an unknown token is not an error.
    return { status: 200, headers: { 'content-type': 'application/json' }, body: '' };
  }

  expireAccessTokens(): number {
    const now = this.now();
    let n = 0;
    for (const a of Object.values(this.data.access)) {
      if (a.expiresAt > now) {
        a.expiresAt = now;
        n++;
      }
    }
    return n;
  }

  /**
   * Bearer check for API calls: 401 AuthenticationFailed (3200) or 403 AuthorizationFailed (3100)
   * in the gateway shape, with `time` in epoch milliseconds and an expired token named in the
   * detail ("Token expired: …"), as in a recorded real 401 (minimul/qbo_api spec/vcr/error/401.yml).
   */
  authenticate(authorization: string | undefined, realmId: string | undefined, scope = ACCOUNTING_SCOPE): AuthResult {
    const now = this.now();
    const fail = (status: 401 | 403, detail: string): AuthResult => ({ ok: false, answer: gatewayAnswer(status, detail, now) });
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return fail(401, 'Authorization header missing or not a Bearer token');
    const presented = m[1] as string;
    const record = this.data.access[presented];
    const grant = record && this.data.grants[record.grantId];
    if (!record || !grant) return fail(401, 'Token invalid');
    if (grant.revoked) return fail(401, 'Token revoked');
    if (record.expiresAt <= now) return fail(401, `Token expired: ${presented}`);
    if (!grant.scopes.includes(scope)) return fail(403, 'The access token does not have sufficient scope');
    if (realmId !== undefined && realmId !== grant.realmId) return fail(403, 'The access token is not authorized for this company (realmId)');
    return { ok: true };
  }
}
