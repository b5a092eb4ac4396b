// The browser harness's loopback server: serves the built renderer and carries the IPC contract
// over HTTP (calls as POST /rpc/<channel>, events as a server-sent event stream). Only callers that
// present the per-run secret are answered, and only on 127.0.0.1 with a matching Host header, so
// another local page or a DNS-rebinding site cannot drive the app.
import { nestsDeeperThan } from '../../shared/json-depth';
import { timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { EventChannel } from '../../shared/ipc/contract';
import type { ComposedMain } from '../main/compose';

const TOKEN_HEADER = 'x-track-nexus-token';
const MAX_BODY_BYTES = 2 * 1024 * 1024;
// No call nests deeper than a handful of levels; JSON.parse of a 2 MB body nested a million levels
// deep blocks the event loop for most of a second, so such a body is refused before it is parsed.
const MAX_JSON_DEPTH = 32;

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  // PDF.js's worker (features/invoices/PdfView.tsx) is a module file.
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export type ControlHandler = (req: IncomingMessage, body: unknown) => Promise<unknown> | unknown;

export interface HarnessServerOptions {
  main: ComposedMain;
  staticDir: string;
  token: string;
  port?: number;
  /** Extra routes under /_harness/ for end-to-end tests (same secret required). */
  controls?: Record<string, ControlHandler>;
}

export interface RunningHarness {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function startHarnessServer(options: HarnessServerOptions): Promise<RunningHarness> {
  const expected = Buffer.from(options.token);
  const streams = new Set<ServerResponse>();
  let port = 0;
  let closing = false;

  const authorised = (req: IncomingMessage): boolean => {
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string') return false;
    const buf = Buffer.from(given);
    return buf.length === expected.length && timingSafeEqual(buf, expected);
  };
  const hostAllowed = (req: IncomingMessage): boolean =>
    req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;

  const unsubscribe = options.main.events.addSink((event: EventChannel, payload: unknown) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { kind: 'internal', message: String(error), retryable: false } });
      else res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req)) return sendJson(res, 421, { error: 'Unexpected Host header.' });
    // Malformed percent-encoding ("/%E0%A4%A") or request targets ("http://[") are the caller's
    // mistake, not a failure of the harness.
    const target = requestPath(req.url);
    if (target === null) return sendJson(res, 400, { error: 'The address is not valid.' });
    const { path, decoded } = target;

    if (path.startsWith('/rpc/') || path === '/events' || path.startsWith('/_harness/')) {
      if (!authorised(req)) {
        return sendJson(res, 403, { ok: false, error: { kind: 'forbidden', message: 'Missing or wrong harness secret.', retryable: false } });
      }
    }

    if (path.startsWith('/rpc/') && req.method === 'POST') {
      const body = await readJson(req);
      if (!body.ok) return sendJson(res, 400, { ok: false, error: { kind: 'validation', message: body.message, retryable: false } });
      const envelope = body.value as { payload?: unknown } | null;
      const channel = decoded.slice('/rpc/'.length);
      return sendJson(res, 200, await options.main.router.dispatch(channel, envelope?.payload));
    }

    if (path === '/events' && req.method === 'GET') {
      // The page reconnects its stream at once; while closing, a kept-alive socket must not get a new one.
      if (closing) return sendJson(res, 503, { error: 'The harness is stopping.' });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      // Capture replays its journal when main starts, before any page listens, and a page that
      // stays open through a restart only reconnects this stream: offer it what is still unacknowledged.
      options.main.capture.resendUnacked();
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(keepAlive);
        streams.delete(res);
      });
      return;
    }

    if (path.startsWith('/_harness/')) {
      const handler = options.controls?.[path.slice('/_harness/'.length)];
      if (!handler) return sendJson(res, 404, { error: 'No such control.' });
      const body = req.method === 'POST' ? await readJson(req) : ({ ok: true, value: null } as const);
      if (!body.ok) return sendJson(res, 400, { error: body.message });
      return sendJson(res, 200, (await handler(req, body.value)) ?? { ok: true });
    }

    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(options.staticDir, decoded, res);
    return sendJson(res, 405, { error: 'Method not allowed.' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    async close() {
      closing = true;
      unsubscribe();
      for (const res of streams) res.end();
      streams.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** The request's path as sent and percent-decoded, or null when either cannot be read. */
function requestPath(url: string | undefined): { path: string; decoded: string } | null {
  try {
    const path = new URL(url ?? '/', 'http://127.0.0.1').pathname;
    return { path, decoded: decodeURIComponent(path) };
  } catch {
    return null;
  }
}

/** `urlPath` is already percent-decoded. */
async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  const relative = normalize(urlPath).replace(/^([/\\])+/, '');
  const file = join(root, relative === '' ? 'index.html' : relative);
  if (!file.startsWith(root + sep) && file !== root) return sendJson(res, 404, { error: 'Not found.' });
  let target = file;
  try {
    const info = await stat(target);
    if (info.isDirectory()) target = join(target, 'index.html');
  } catch {
    // Unknown paths fall back to the app shell; the renderer routes by hash.
    target = join(root, 'index.html');
  }
  try {
    await stat(target);
  } catch {
    return sendJson(res, 404, { error: 'The renderer is not built. Run npm run build first.' });
  }
  res.writeHead(200, {
    ...securityHeaders(),
    'content-type': MIME[extname(target)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  createReadStream(target).pipe(res);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...securityHeaders(), 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return { ok: false, message: 'The request is too large.' };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, message: 'The request is too large.' };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: null };
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return { ok: false, message: 'The request is nested too deeply.' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: 'The request body is not valid JSON.' };
  }
}
