// The publisher's token broker (see electron/main/qbo/publisher.ts for why it exists): takes the
// app's token and revoke requests at Intuit's own paths under the broker's address, checks them,
// and forwards them to Intuit with the client secret only it holds. It stores nothing, serves
// nothing else (not a proxy to anywhere), and its log lines never carry a body, a header or a token.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrokerConfig } from './config';
import { forward } from './forward';
import { rateLimiter } from './rate-limit';
import { checkRevokeRequest, checkTokenRequest, isRefusal, presentedClientId, type CheckedRequest, type Refusal } from './requests';

export interface BrokerDeps {
  /** One line per request and per problem; never a secret, token or body. */
  log: (line: string) => void;
  now: () => number;
  /** How long to wait for Intuit (default 15 s; the app itself gives up after 30). */
  upstreamTimeoutMs?: number;
}

export interface RunningBroker {
  /** The broker's base address: what a build's QBO_PUBLISHER_TOKEN_URL points at (through TLS). */
  url: string;
  close(): Promise<void>;
}

type Route = 'token' | 'revoke';

interface Answer {
  status: number;
  body: string;
  contentType: string;
  /** What the log says about the request. */
  label: string;
  intuitTid?: string | null;
  headers?: Record<string, string>;
}

const MAX_BODY_BYTES = 8 * 1024;
const JSON_TYPE = 'application/json;charset=UTF-8';

export async function startBroker(config: BrokerConfig, deps: BrokerDeps): Promise<RunningBroker> {
  const handle = brokerHandler(config, deps);
  const server = createServer({ requestTimeout: 15_000, headersTimeout: 10_000 }, (req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}${config.pathPrefix}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

// Long because it is three short closures over the config, the limiter and the routes: answerFor
// (the checks, in order), relay (the one call to Intuit) and the request handler that logs.
function brokerHandler(config: BrokerConfig, deps: BrokerDeps) {
  const allowed = rateLimiter(config.ratePerMinute, deps.now);
  const routes = new Map<string, Route>([
    [`${config.pathPrefix}/oauth2/v1/tokens/bearer`, 'token'],
    [`${config.pathPrefix}/v2/oauth2/tokens/revoke`, 'revoke'],
  ]);

  async function answerFor(req: IncomingMessage): Promise<Answer> {
    const target = req.url ?? '';
    // Only origin-form targets (`/path`): an absolute `http://elsewhere/…` is a proxy request.
    if (!target.startsWith('/')) return refused(400, 'invalid_request', 'This server is not a proxy.', 'target');
    const path = target.split('?')[0]!;
    if (path === '/healthz' && req.method === 'GET') return { status: 200, body: '{"status":"ok"}', contentType: JSON_TYPE, label: 'health' };
    const route = routes.get(path);
    if (!route) return refused(404, 'not_found', 'This server only exchanges and revokes QuickBooks tokens.', 'path');
    if (req.method !== 'POST') return { ...refused(405, 'invalid_request', 'Use POST.', 'method'), headers: { allow: 'POST' } };
    if (!allowed(clientAddress(req, config.trustProxy))) {
      return { ...refused(429, 'slow_down', 'Too many requests from this address; try again in a minute.', 'rate limit'), headers: { 'retry-after': '60' } };
    }
    if (presentedClientId(req.headers.authorization) !== config.clientId) {
      const answer = refused(401, 'invalid_client', 'This sign-in service only serves the app it was set up for.', 'client id');
      return { ...answer, headers: { 'www-authenticate': 'Basic realm="token broker"' } };
    }
    const text = await readBody(req);
    if (text === null) return { ...refused(413, 'invalid_request', 'The request is too large.', 'size'), headers: { connection: 'close' } };
    const checked = route === 'token' ? checkTokenRequest(text, req.headers['content-type']) : checkRevokeRequest(text, req.headers['content-type']);
    if (isRefusal(checked)) return refusal(checked, `refused ${route} (${checked.error})`);
    return relay(route, checked);
  }

  async function relay(route: Route, checked: CheckedRequest): Promise<Answer> {
    const url = route === 'token' ? config.tokenUrl : config.revokeUrl;
    const label = route === 'token' ? `token ${checked.kind}` : 'revoke';
    try {
      const up = await forward(url, config, checked, deps.upstreamTimeoutMs ?? 15_000);
      if (up.body.includes(config.clientSecret)) return unavailable(`${label}: Intuit's answer held the client secret; not passed on`);
      if (up.status === 401) deps.log(`Intuit refused the broker's keys (invalid_client): check BROKER_CLIENT_ID and BROKER_CLIENT_SECRET.`);
      return { status: up.status, body: up.body, contentType: up.contentType ?? JSON_TYPE, intuitTid: up.intuitTid, label };
    } catch (error) {
      return unavailable(`${label}: Intuit could not be reached (${errorCode(error)})`);
    }
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = deps.now();
    let answer: Answer;
    try {
      answer = await answerFor(req);
    } catch (error) {
      answer = { ...refused(500, 'server_error', 'The sign-in service failed; try again.', 'request'), label: `failed (${errorCode(error)})` };
    }
    send(res, answer);
    deps.log(`${new Date(started).toISOString()} ${answer.label} ${answer.status} ${deps.now() - started}ms`);
  };
}

function refused(status: number, error: string, description: string, what: string): Answer {
  return refusal({ status, error, description }, `refused ${what}`);
}

function refusal(r: Refusal, label: string): Answer {
  return { status: r.status, body: JSON.stringify({ error: r.error, error_description: r.description }), contentType: JSON_TYPE, label };
}

/** Intuit is down, slow or answered oddly: 502, in words the app shows. */
function unavailable(label: string): Answer {
  return refusal({ status: 502, error: 'temporarily_unavailable', description: 'The sign-in service could not reach Intuit. Try again in a few minutes.' }, label);
}

function send(res: ServerResponse, a: Answer): void {
  res.writeHead(a.status, {
    'content-type': a.contentType,
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'x-content-type-options': 'nosniff',
    ...(a.intuitTid ? { intuit_tid: a.intuitTid } : {}),
    ...a.headers,
  });
  res.end(a.body);
}

/** The body as text, or null once it passes the limit (declared or sent). */
function readBody(req: IncomingMessage): Promise<string | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else resolve(null);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The socket's peer, or behind a reverse proxy the address that proxy saw (the last it appended). */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',').pop()?.trim() : '';
  return forwarded || req.socket.remoteAddress || 'unknown';
}

/** A short name for a failure, for the log: never its message, which could quote a request. */
function errorCode(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  return String(e?.cause?.code ?? e?.code ?? e?.name ?? 'error');
}
