// The one request the broker makes: a checked token or revoke request to the configured Intuit
// address, authenticated with the real client id and secret. Redirects are refused (the secret goes
// to that address and nowhere else) and a silent Intuit is given up on after a time limit.
import type { BrokerConfig } from './config';
import type { CheckedRequest } from './requests';

/** What Intuit answered, passed back to the app as it is. */
export interface UpstreamAnswer {
  status: number;
  body: string;
  contentType: string | null;
  intuitTid: string | null;
}

/** Intuit's token answers are well under 2 KB; anything far larger is not one. */
const MAX_ANSWER_CHARS = 64 * 1024;

export async function forward(
  url: string,
  keys: Pick<BrokerConfig, 'clientId' | 'clientSecret'>,
  request: CheckedRequest,
  timeoutMs: number,
): Promise<UpstreamAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
    headers: {
      authorization: `Basic ${Buffer.from(`${keys.clientId}:${keys.clientSecret}`).toString('base64')}`,
      'content-type': request.contentType,
      accept: 'application/json',
    },
    body: request.body,
  });
  const body = await response.text();
  if (body.length > MAX_ANSWER_CHARS) throw new Error('answer too large');
  return { status: response.status, body, contentType: response.headers.get('content-type'), intuitTid: response.headers.get('intuit_tid') };
}
