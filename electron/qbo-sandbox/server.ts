// HTTP front: Intuit's OAuth paths, the /v3 Accounting API behind the gateway checks
// (auth, throttles, injected faults), the /_sandbox control routes, and the intuit_tid
// header on every answer.
import { nestsDeeperThan } from '../../shared/json-depth';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleControl } from './control';
import { throttleBody } from './errors';
import type { HttpAnswer } from './oauth';
import type { SandboxRuntime } from './runtime';
import { qboDateTime } from './time';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, a: HttpAnswer): void {
  res.writeHead(a.status, a.headers ?? {});
  res.end(a.body ?? '');
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  send(res, { status, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: JSON.stringify(body) });

/** Token endpoint bodies are form-encoded (intuit-oauth), revoke bodies JSON; accept either for both. */
function params(text: string, contentType: string | undefined): URLSearchParams {
  if ((contentType ?? '').includes('json')) {
    try {
      if (nestsDeeperThan(text, 8)) return new URLSearchParams();
      const obj = JSON.parse(text) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(obj).map(([k, v]): [string, string] => [k, String(v)]));
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(text);
}

/** The path's segments decoded, or null when one is not valid percent-encoding (`%E0%A4%A`). */
function decodedPath(segments: string[]): string[] | null {
  try {
    return segments.map(decodeURIComponent);
  } catch {
    return null;
  }
}

export function createHandler(rt: SandboxRuntime, controlRoutes: boolean) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('intuit_tid', `1-${randomBytes(4).toString('hex')}-${randomBytes(12).toString('hex')}`);
    const url = URL.canParse(req.url ?? '/', 'http://127.0.0.1') ? new URL(req.url ?? '/', 'http://127.0.0.1') : null;
    if (!url) return sendJson(res, 400, { error: 'the request target is not an address' });
    const method = req.method ?? 'GET';
    const text = await readBody(req);
    if (text === undefined) return sendJson(res, 413, { error: 'request body too large' });
    const path = url.pathname;
    const write = method !== 'GET';
    try {
      if (path === '/connect/oauth2') {
        if (method === 'GET') return send(res, rt.oauth.authorizePage(url.searchParams));
        if (method === 'POST') return send(res, rt.oauth.decide(new URLSearchParams(text)));
      }
      if (path === '/oauth2/v1/tokens/bearer' && method === 'POST') {
        const hard = String(req.headers['x-include-refresh-token-hard-expires-in']) === 'true';
        return send(res, rt.oauth.tokenEndpoint(req.headers.authorization, params(text, req.headers['content-type']), hard));
      }
      if (path === '/v2/oauth2/tokens/revoke' && method === 'POST') {
        return send(res, rt.oauth.revoke(req.headers.authorization, params(text, req.headers['content-type']).get('token') ?? undefined));
      }
      if (path === '/v1/openid_connect/userinfo' && method === 'GET') return userInfo(rt, req, res);
      if (path.startsWith('/_sandbox/')) {
        if (!controlRoutes) return sendJson(res, 404, { error: 'not_found' });
        return send(res, handleControl(rt, method, path.slice('/_sandbox/'.length), text));
      }
      const m = /^\/v3\/company\/([^/]+)\/(.+)$/.exec(path);
      const parts = m ? decodedPath([m[1] as string, ...(m[2] as string).split('/')]) : null;
      if (m && !parts) return sendJson(res, 400, { error: 'malformed percent-encoding in the address' });
      if (parts) return await accounting(rt, req, res, parts[0]!, parts.slice(1), url, text);
      sendJson(res, 404, { error: 'not_found' });
    } finally {
      if (write) rt.persist();
    }
  };
}

function userInfo(rt: SandboxRuntime, req: IncomingMessage, res: ServerResponse): void {
  const auth = rt.oauth.authenticate(req.headers.authorization, undefined, 'openid');
  if (!auth.ok) return send(res, auth.answer);
  sendJson(res, 200, { sub: 'sandbox-user', givenName: 'Sandbox', familyName: 'Admin', email: 'admin@tracknexus.example', emailVerified: true });
}

async function accounting(
  rt: SandboxRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  realmId: string,
  segments: string[],
  url: URL,
  text: string,
): Promise<void> {
  rt.counters.requests++;
  const time = () => qboDateTime(rt.company.now(), true);
  const auth = rt.oauth.authenticate(req.headers.authorization, realmId);
  if (!auth.ok) return send(res, auth.answer);

  const slot = rt.limiter.admit(realmId, segments[0] === 'batch' && req.method === 'POST');
  if (!slot) {
    rt.counters.throttled++;
    const t = throttleBody(time());
    return send(res, { status: 429, headers: { 'content-type': t.contentType }, body: t.body });
  }
  try {
    if (rt.faults.settings.latencyMs > 0) await rt.options.wait(rt.faults.settings.latencyMs);
    if (rt.faults.shouldFail()) {
      rt.counters.faultsInjected++;
      return sendJson(res, 503, {
        Fault: { Error: [{ Message: 'Service Unavailable', Detail: 'The service is temporarily unavailable. Try again later', code: '503', element: '' }], type: 'SERVICE' },
        time: time(),
      });
    }
    const r = rt.api.handle({ method: req.method ?? 'GET', segments, query: url.searchParams, body: text });
    if (r.replayed) rt.counters.replays++;
    if (r.committed && rt.faults.shouldDropAfterCommit()) {
      // The write stands but the client never hears about it, as on a lost connection.
      rt.counters.droppedAfterCommit++;
      req.socket.destroy();
      return;
    }
    send(res, { status: r.status, headers: { 'content-type': r.contentType }, body: r.body as string });
  } finally {
    slot.release();
  }
}
