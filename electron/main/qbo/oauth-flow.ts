// Connect: Intuit's consent page in the system browser, the answer caught by a one-shot listener
// on 127.0.0.1. With development keys Intuit redirects straight to that listener; production keys
// accept only https redirect URIs, so Intuit redirects to the static relay page
// (resources/qbo-callback/index.html), which forwards code/state/realmId to the listener on the
// port carried in `state`. Either way `state` is ours: random, single-use, 10 minutes, checked here
// (intuit-oauth's createToken does not check it).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock, ExternalOpener } from '../ports';
import type { ResolvedQboConfig } from './config';
import { createIntuitClient, TokenEndpointError, type TokenSet } from './intuit-client';

const STATE_LIFETIME_MS = 10 * 60_000;
const DEFAULT_FLOW_TIMEOUT_MS = 5 * 60_000;
/** How long the listener stays up after the callback so the browser can load the "done" page. */
const DONE_PAGE_GRACE_MS = 10_000;

export type ConnectFailureReason = 'denied' | 'cancelled' | 'timeout' | 'exchange' | 'browser';

export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  constructor(
    message: string,
    readonly reason: ConnectFailureReason,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface AuthorizationFlow {
  /** The consent page address that was handed to the system browser. */
  authorizeUrl: string;
  redirectUri: string;
  /** The loopback port the callback must reach. */
  port: number;
  /** Resolves with the tokens once the browser came back approved and the code was exchanged. */
  result: Promise<TokenSet>;
  cancel(): void;
}

export interface FlowDeps {
  opener: ExternalOpener;
  clock: Clock;
  timeoutMs?: number;
}

/** A state value bound to a loopback port, so the relay page knows where to send the browser. */
function makeState(port: number): string {
  return `${port}.${randomBytes(24).toString('base64url')}`;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const DONE_HTML = (heading: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">` +
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>Track Nexus</title></head>` +
  `<body><h1>${heading}</h1><p>${body}</p></body></html>`;

export async function startAuthorization(config: ResolvedQboConfig, deps: FlowDeps): Promise<AuthorizationFlow> {
  const server = createServer();
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    const wanted = config.redirect.mode === 'loopback' ? config.redirect.port : 0;
    server.listen(wanted, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

  const redirectUri = config.redirect.mode === 'relay' ? config.redirect.relayUrl : `http://127.0.0.1:${port}/callback`;
  const intuit = await createIntuitClient(config, redirectUri);
  let state: string | null = makeState(port);
  const stateExpiresAt = deps.clock.now() + STATE_LIFETIME_MS;

  let settle!: { resolve: (t: TokenSet) => void; reject: (e: Error) => void };
  const result = new Promise<TokenSet>((resolve, reject) => (settle = { resolve, reject }));
  // A failure before anyone awaits (the browser would not open) must not be an unhandled rejection.
  result.catch(() => undefined);
  let finished = false;
  let closeTimer: NodeJS.Timeout | undefined;

  const closeServer = () => {
    clearTimeout(closeTimer);
    server.closeAllConnections();
    server.close();
  };
  const finish = (outcome: { tokens: TokenSet } | { error: ConnectError }, closeNow: boolean) => {
    if (finished) return;
    finished = true;
    state = null;
    clearTimeout(timeout);
    if ('tokens' in outcome) settle.resolve(outcome.tokens);
    else settle.reject(outcome.error);
    if (closeNow) closeServer();
    else closeTimer = setTimeout(closeServer, DONE_PAGE_GRACE_MS).unref();
  };

  const timeoutMs = deps.timeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS;
  const timeout = setTimeout(() => {
    finish({ error: new ConnectError(`No answer from the QuickBooks sign-in page within ${Math.round(timeoutMs / 60_000) || 1} minutes. Nothing was connected; try again.`, 'timeout', true) }, true);
  }, timeoutMs);
  timeout.unref();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // A request target that is not a URL (`GET http://[`) would throw here, uncaught, and end main.
    const url = parseTarget(req.url ?? '/', port);
    if (!url) return answer(res, 400, 'Bad request', 'This address only receives the QuickBooks sign-in answer.');
    if (req.method !== 'GET') return answer(res, 405, 'Not allowed', 'This address only receives the QuickBooks sign-in answer.');
    if (url.pathname === '/done') {
      const denied = url.searchParams.get('result') === 'denied';
      // The last page this listener serves: close its connection once the page is sent, and stop
      // listening then. Destroying sockets at once could cut the page the browser is still reading
      // (the tab then hangs); the grace timer set by finish() stays the hard stop.
      res.setHeader('connection', 'close');
      if (finished) {
        res.on('finish', () => {
          server.close();
          server.closeIdleConnections();
        });
      }
      answer(res, 200, denied ? 'QuickBooks was not connected' : 'Done', 'You can close this tab and return to Track Nexus.');
      return;
    }
    if (url.pathname !== '/callback') return answer(res, 404, 'Not found', 'Nothing here.');
    const params = url.searchParams;
    const given = params.get('state') ?? '';
    if (finished || state === null || !sameSecret(given, state) || deps.clock.now() > stateExpiresAt) {
      // A forged, replayed or stale answer: refuse it and keep waiting for the real one.
      return answer(res, 400, 'This sign-in answer was refused', 'It does not belong to the connection Track Nexus started, or it expired. Nothing was connected; start again from Track Nexus.');
    }
    state = null; // single use, whatever happens next
    const error = params.get('error');
    // Answer with a redirect, not a page, so the code leaves the address bar and history at once.
    res.writeHead(302, { location: error ? '/done?result=denied' : '/done', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    res.end();
    if (error) {
      const message =
        error === 'access_denied'
          ? 'QuickBooks access was denied on the consent page, so nothing was connected. Choose Connect again and approve to link your company.'
          : `QuickBooks did not grant access (${error}${params.get('error_description') ? `: ${params.get('error_description')}` : ''}). Nothing was connected.`;
      finish({ error: new ConnectError(message, 'denied', false) }, false);
      return;
    }
    const code = params.get('code');
    const realmId = params.get('realmId');
    if (!code || !realmId) {
      finish({ error: new ConnectError('The QuickBooks sign-in answer had no authorization code or company id. Nothing was connected; try again.', 'exchange', true) }, false);
      return;
    }
    const sentAt = deps.clock.now();
    intuit.exchangeCode({ code, realmId }, sentAt).then(
      (tokens) => finish({ tokens }, false),
      (e: unknown) => {
        const reason = e instanceof TokenEndpointError ? e.message : String(e);
        finish({ error: new ConnectError(`QuickBooks approved the connection but the sign-in could not be completed: ${reason}`, 'exchange', !(e instanceof TokenEndpointError) || e.code === 'network') }, false);
      },
    );
  });

  const authorizeUrl = intuit.authorizeUri(state);
  try {
    await deps.opener.openExternal(authorizeUrl);
  } catch (e) {
    finish({ error: new ConnectError(`The browser could not be opened for the QuickBooks sign-in (${(e as Error).message}).`, 'browser', true) }, true);
  }

  return {
    authorizeUrl,
    redirectUri,
    port,
    result,
    cancel: () => finish({ error: new ConnectError('Connecting to QuickBooks was cancelled. Nothing was connected.', 'cancelled', false) }, true),
  };
}

function answer(res: ServerResponse, status: number, heading: string, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(DONE_HTML(heading, body));
}

function parseTarget(target: string, port: number): URL | null {
  try {
    return new URL(target, `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}
