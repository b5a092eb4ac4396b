// Shared pieces for the QuickBooks tests: a real local sandbox per file, a recording proxy in
// front of it (to count token-endpoint hits and watch concurrency and requestids as they cross
// the wire), and the person's part of the consent page (Approve / Deny, posted as the form does).
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveQboConfig, type QboSettings, type ResolvedQboConfig } from '../../../electron/main/qbo/config';
import { createIntuitClient } from '../../../electron/main/qbo/intuit-client';
import { connectionKey, TokenKeeper, type StoredConnection } from '../../../electron/main/qbo/token-keeper';
import { fileSecretStore } from '../../../electron/main/secrets/file-secret-store';
import { EventBus } from '../../../electron/main/ipc/events';
import { IpcRouter } from '../../../electron/main/ipc/router';
import { registerQboHandlers, type QboHandlerDeps } from '../../../electron/main/qbo/handlers';
import type { SecretStore } from '../../../electron/main/ports';
import { invokeContract, type InvokeChannel, type QboStatus } from '../../../shared/ipc/contract';
import { control } from '../../../electron/qbo-sandbox/control-client';
import { startSandbox, DEFAULT_CLIENT, type RunningSandbox, type SandboxOptions } from '../../../electron/qbo-sandbox/index';

export { DEFAULT_CLIENT };
export { control };

export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, controlRoutes: true, limits: { enabled: false, timeScale: 1 }, ...options });
}

interface ProxyRecord {
  method: string;
  path: string;
  search: URLSearchParams;
  start: number;
  end: number;
  status: number | null;
}

/**
 * A transparent HTTP proxy that records every request and the peak of API requests in flight.
 * With `realmAlias`, API paths for that realm go to the sandbox's own (every sandbox has the same
 * realm; the alias makes this one look like another QuickBooks company).
 */
export async function startRecordingProxy(target: string, realmAlias?: { alias: string; realmId: string }) {
  const records: ProxyRecord[] = [];
  let apiInFlight = 0;
  let peakApiInFlight = 0;
  const targetUrl = new URL(target);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const record: ProxyRecord = { method: req.method ?? 'GET', path: url.pathname, search: url.searchParams, start: Date.now(), end: 0, status: null };
    records.push(record);
    const isApi = url.pathname.startsWith('/v3/');
    if (isApi) peakApiInFlight = Math.max(peakApiInFlight, ++apiInFlight);
    const done = () => {
      if (record.end) return;
      record.end = Date.now();
      if (isApi) apiInFlight--;
    };
    const path = realmAlias ? req.url?.replace(`/v3/company/${realmAlias.alias}/`, `/v3/company/${realmAlias.realmId}/`) : req.url;
    const upstream = httpRequest(
      { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path, headers: { ...req.headers, host: targetUrl.host } },
      (up: IncomingMessage) => {
        record.status = up.statusCode ?? null;
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('end', done);
      },
    );
    upstream.on('error', () => {
      // The sandbox dropped the connection (dropAfterCommit): drop ours too, as a network would.
      done();
      res.socket?.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    records,
    tokenCalls: () => records.filter((r) => r.path === '/oauth2/v1/tokens/bearer').length,
    apiCalls: () => records.filter((r) => r.path.startsWith('/v3/')),
    peakApiInFlight: () => peakApiInFlight,
    resetPeak: () => (peakApiInFlight = apiInFlight),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const decodeHtml = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');

/**
 * Plays the person at Intuit's consent page: loads it, then submits its form with Approve or
 * Deny exactly as the browser would. Returns where the server redirects the browser.
 */
export async function answerConsent(authorizeUrl: string, decision: 'approve' | 'deny'): Promise<string> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`consent page ${page.status}: ${html}`);
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1]!, decodeHtml(m[2]!));
  if (!/<button[^>]*value="approve"[^>]*>Approve<\/button>/.test(html)) throw new Error('no Approve button on the consent page');
  form.set('decision', decision);
  const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '/connect/oauth2', authorizeUrl);
  const res = await fetch(action, { method: 'POST', body: form, redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`consent answer ${res.status}: ${await res.text()}`);
  return location;
}

/** The browser following a redirect to our loopback listener (one hop, like the address bar). */
export async function visit(url: string): Promise<{ status: number; location: string | null; text: string }> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

export function manualClock(start = Date.now()) {
  let now = start;
  return {
    now: () => now,
    timeZone: () => 'UTC',
    advance(ms: number) {
      now += ms;
    },
    set(ms: number) {
      now = ms;
    },
  };
}

/** A custom-environment config pointing both bases at one local server. */
export function localConfig(base: string, extra: Partial<QboSettings> = {}): ResolvedQboConfig {
  return resolveQboConfig({
    settings: { environment: 'custom', customApiBase: base, customOAuthBase: base, clientId: DEFAULT_CLIENT.clientId, ...extra },
    clientSecret: DEFAULT_CLIENT.clientSecret,
    env: {},
  });
}

export function recordingOpener() {
  const opened: string[] = [];
  return { opened, opener: { openExternal: async (url: string) => void opened.push(url) } };
}

export async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('waitFor timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A TokenKeeper storing its secrets in `dir`, connected to the sandbox with the tokens it hands out
 * and refreshing through the real intuit-oauth client at `base` (the sandbox or a proxy before it).
 */
export async function connectedKeeper(sandbox: RunningSandbox, base: string, dir: string): Promise<{ keeper: TokenKeeper; accessToken: string }> {
  const clock = manualClock();
  const intuit = await createIntuitClient(localConfig(base), 'http://127.0.0.1/callback');
  const keeper = new TokenKeeper({
    store: fileSecretStore(dir),
    key: connectionKey('primary'),
    clock,
    refresher: () => (rt, realmId, sentAt) => intuit.refresh(rt, realmId, sentAt),
    onReconnectRequired: () => {},
  });
  const t = await control(sandbox, 'tokens');
  const accessToken = String(t['access_token']);
  await keeper.save({
    tokens: {
      access_token: accessToken,
      refresh_token: String(t['refresh_token']),
      token_type: 'bearer',
      expires_in: Number(t['expires_in']),
      x_refresh_token_expires_in: Number(t['x_refresh_token_expires_in']),
      createdAt: clock.now(),
      realmId: sandbox.realmId,
    },
    environment: 'custom',
    endpoints: null,
    companyName: null,
    connectedAt: clock.now(),
    invalid: null,
  });
  return { keeper, accessToken };
}

/** Main's QuickBooks side behind an IPC router, recording everything that crosses to the renderer. */
export function makeQboApp(options: { dataDir: string; env: Record<string, string>; store?: SecretStore; startDemo?: QboHandlerDeps['startDemo']; publisher?: QboHandlerDeps['publisher'] }) {
  const router = new IpcRouter();
  const bus = new EventBus();
  const sent: unknown[] = [];
  const statuses: QboStatus[] = [];
  bus.addSink((event, payload) => {
    sent.push(payload);
    if (event === 'qbo:statusChanged') statuses.push(payload as QboStatus);
  });
  const { opener, opened } = recordingOpener();
  const clock = manualClock();
  const store = options.store ?? fileSecretStore(options.dataDir);
  const qbo = registerQboHandlers(router, bus.emit.bind(bus), {
    secretStore: store,
    clock,
    opener,
    paths: { dataDir: options.dataDir },
    env: options.env,
    ...(options.startDemo ? { startDemo: options.startDemo } : {}),
    ...(options.publisher ? { publisher: options.publisher } : {}),
  });
  /** Every value that crossed to the renderer: responses and events. */
  const call = async (channel: string, payload?: unknown) => {
    const result = await router.dispatch(channel, payload);
    sent.push(result);
    // The router validates requests only; hold main to the response schemas the renderer trusts.
    if (result.ok) invokeContract[channel as InvokeChannel].response.parse(result.value);
    return result;
  };
  return { router, call, sent, statuses, opened, clock, store, service: qbo.service, dispose: qbo.dispose };
}
export type QboApp = ReturnType<typeof makeQboApp>;

/**
 * Clicks Connect (or another channel that opens the consent page) and plays the person in the
 * browser. `realmAlias` makes the loopback hear another realm id, as if they picked another company.
 */
export async function connectApproved(app: QboApp, channel = 'qbo:connectCompany', payload?: unknown, realmAlias?: string) {
  const before = app.opened.length;
  let settled: Awaited<ReturnType<QboApp['call']>> | null = null;
  const pending = app.call(channel, payload ?? (channel === 'qbo:connectCompany' ? {} : undefined)).then((r) => (settled = r));
  const url = await waitFor(() => (app.opened.length > before && app.opened.at(-1)) || settled);
  if (typeof url !== 'string') return url; // answered without asking the person (or failed first)
  let back = await answerConsent(url, 'approve');
  if (realmAlias) {
    const u = new URL(back);
    u.searchParams.set('realmId', realmAlias);
    back = u.toString();
  }
  await visit(back);
  return pending;
}

/** The stored connection of one company (tokens included: tests only). */
export async function storedConnection(store: SecretStore, companyId = 'primary'): Promise<StoredConnection> {
  return JSON.parse((await store.get(connectionKey(companyId)))!) as StoredConnection;
}
