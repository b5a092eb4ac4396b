// What the app may ask the token broker, checked before anything goes to Intuit: the client id in
// the Basic header, then a form body with an authorization code or a refresh token (intuit-oauth's
// createToken / refreshUsingToken) or a JSON body with the token to revoke (its revoke). Each
// request is rebuilt from the checked fields, so nothing else the caller sent reaches Intuit.
// Refusals use OAuth's error codes with words a person can read: the app shows them.
import { z } from 'zod';

/** A refusal in OAuth's shape (RFC 6749 §5.2). */
export interface Refusal {
  status: number;
  error: string;
  description: string;
}

/** A checked request, ready to forward. */
export interface CheckedRequest {
  body: string;
  contentType: string;
  /** For the log: which grant, or 'revoke'. Never a token. */
  kind: 'authorization_code' | 'refresh_token' | 'revoke';
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** Codes and tokens are opaque printable ASCII; Intuit's are a few hundred characters at most. */
const opaque = (missing: string) => z.string({ error: missing }).min(1, missing).max(4096, 'The token is too long.').regex(/^[\x21-\x7e]+$/, 'The token has characters no token has.');

const CodeGrant = z.object({
  grant_type: z.literal('authorization_code'),
  code: opaque('The authorization code is missing.'),
  redirect_uri: z.url({ protocol: /^https$/, error: 'The redirect_uri must be the https relay page registered with Intuit.' }),
});
const RefreshGrant = z.object({
  grant_type: z.literal('refresh_token'),
  refresh_token: opaque('The refresh token is missing.'),
});
const RevokeBody = z.object({ token: opaque('The token to revoke is missing.') });

const refuse = (status: number, error: string, description: string): Refusal => ({ status, error, description });

/** The client id of `Basic base64(id:anything)`, or null. The part after ':' is the app's placeholder. */
export function presentedClientId(authorization: string | undefined): string | null {
  const m = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(authorization ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : null;
}

/** POST …/oauth2/v1/tokens/bearer */
export function checkTokenRequest(text: string, contentType: string | undefined): CheckedRequest | Refusal {
  if (mediaType(contentType) !== FORM) return refuse(400, 'invalid_request', `Token requests are sent as ${FORM}.`);
  const params = new URLSearchParams(text);
  const keys = [...params.keys()];
  if (new Set(keys).size !== keys.length) return refuse(400, 'invalid_request', 'A parameter was sent more than once.');
  const grant = params.get('grant_type');
  if (grant !== 'authorization_code' && grant !== 'refresh_token') {
    return refuse(400, 'unsupported_grant_type', 'Only authorization codes and refresh tokens are exchanged here.');
  }
  const parsed = (grant === 'authorization_code' ? CodeGrant : RefreshGrant).safeParse(Object.fromEntries(params));
  if (!parsed.success) return refuse(400, 'invalid_request', firstMessage(parsed.error));
  return { body: new URLSearchParams(parsed.data).toString(), contentType: FORM, kind: grant };
}

/** POST …/v2/oauth2/tokens/revoke */
export function checkRevokeRequest(text: string, contentType: string | undefined): CheckedRequest | Refusal {
  if (mediaType(contentType) !== JSON_TYPE) return refuse(400, 'invalid_request', `Revoke requests are sent as ${JSON_TYPE}.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse(400, 'invalid_request', 'The revoke request is not valid JSON.');
  }
  const parsed = RevokeBody.safeParse(json);
  if (!parsed.success) return refuse(400, 'invalid_request', firstMessage(parsed.error));
  return { body: JSON.stringify({ token: parsed.data.token }), contentType: JSON_TYPE, kind: 'revoke' };
}

export function isRefusal(value: CheckedRequest | Refusal): value is Refusal {
  return 'error' in value;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Our own words only: zod's defaults could quote what was sent, which may be a token. */
function firstMessage(error: z.ZodError): string {
  const message = error.issues[0]?.message ?? '';
  return /^The /.test(message) ? message : 'The request is not one the broker forwards.';
}
