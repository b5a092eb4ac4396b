// A QboPort in plain Node over main's real QuickBooks client (TokenKeeper with a real intuit-oauth
// refresh, the per-realm rate limiter, fetch), for the engine tests and `npm run bench:sync`. Calls
// go through main's IPC router and the app's ipcQboPort, only without Electron in between. Lives
// outside renderer/ so the renderer bundle never imports main-process code.
import { PRIMARY_COMPANY } from '../../shared/qbo/company';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IpcRouter } from '../../electron/main/ipc/router';
import { resolveQboConfig, type ResolvedQboConfig } from '../../electron/main/qbo/config';
import { registerQboDataHandlers } from '../../electron/main/qbo/handlers';
import { createIntuitClient } from '../../electron/main/qbo/intuit-client';
import { createQboClient, type QboClient } from '../../electron/main/qbo/qbo-client';
import { RateLimiterRegistry, type LimiterOptions } from '../../electron/main/qbo/rate-limiter';
import { connectionKey, TokenKeeper } from '../../electron/main/qbo/token-keeper';
import { fileSecretStore } from '../../electron/main/secrets/file-secret-store';
import { startSandbox, DEFAULT_CLIENT, type RunningSandbox } from '../../electron/qbo-sandbox/index';
import { control } from '../../electron/qbo-sandbox/control-client';
import type { RendererApi } from '../../shared/ipc/contract';
import type { CompanyId, QboStatus } from '../../shared/ipc/domains/qbo';
import { ipcQboPort, type QboPort } from '../../renderer/src/features/quickbooks/engine/qbo-port';

export interface InProcessConnection {
  port: QboPort;
  client: QboClient;
  /** Main's IPC router with the data channels over `client`: what `port` calls through. */
  router: IpcRouter;
  keeper: TokenKeeper;
  limiters: RateLimiterRegistry;
  realmId: string;
  /** Reasons the grant was declared unusable (reconnect required). */
  reconnectReasons: string[];
}

export interface ConnectOptions {
  apiBase: string;
  oauthBase: string;
  clientId: string;
  clientSecret: string;
  realmId: string;
  refreshToken: string;
  /** Omit to force a refresh before the first call. */
  accessToken?: string;
  accessExpiresIn?: number;
  limiter?: LimiterOptions;
  /** Shared by several companies' connections, as main shares one registry (one limiter per realm). */
  limiters?: RateLimiterRegistry;
  timeoutMs?: number;
  throttleRetries?: number;
  /** The company this connection is in the workspace; the primary one when left out. */
  companyId?: CompanyId;
}

export async function connectInProcess(options: ConnectOptions): Promise<InProcessConnection> {
  const config: ResolvedQboConfig = resolveQboConfig({
    settings: { environment: 'custom', customApiBase: options.apiBase, customOAuthBase: options.oauthBase, clientId: options.clientId },
    clientSecret: options.clientSecret,
    env: {},
  });
  const dir = await mkdtemp(join(tmpdir(), 'tn-sync-'));
  const intuit = await createIntuitClient(config, 'http://127.0.0.1/callback');
  const reconnectReasons: string[] = [];
  const companyId = options.companyId ?? PRIMARY_COMPANY;
  const keeper = new TokenKeeper({
    store: fileSecretStore(dir),
    key: connectionKey(companyId),
    clock: { now: () => Date.now(), timeZone: () => 'UTC' },
    refresher: () => (rt, realmId, sentAt) => intuit.refresh(rt, realmId, sentAt),
    onReconnectRequired: (reason) => void reconnectReasons.push(reason),
  });
  await keeper.save({
    tokens: {
      access_token: options.accessToken ?? 'none',
      refresh_token: options.refreshToken,
      token_type: 'bearer',
      expires_in: options.accessToken ? (options.accessExpiresIn ?? 3600) : 0,
      x_refresh_token_expires_in: 8_726_400,
      createdAt: Date.now(),
      realmId: options.realmId,
    },
    environment: 'custom',
    endpoints: { apiBase: config.apiBase, oauth: config.oauth },
    companyName: null,
    connectedAt: Date.now(),
    invalid: null,
  });
  const limiters = options.limiters ?? new RateLimiterRegistry(options.limiter ?? {});
  const client = createQboClient({
    apiBase: () => config.apiBase,
    tokens: keeper,
    limiters,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.throttleRetries !== undefined ? { throttleRetries: options.throttleRetries } : {}),
    onAuthRejected: (reason, token) => void keeper.invalidate(reason, token),
  });

  // The app's path: ipcQboPort's calls dispatched by main's IPC router to the data handlers, so
  // payloads are validated and failures mapped exactly as they are for the renderer.
  const router = new IpcRouter();
  registerQboDataHandlers(router, () => client);
  const invoke = ((channel: string, payload?: unknown) => router.dispatch(channel, payload)) as RendererApi['invoke'];
  const port: QboPort = {
    ...ipcQboPort({ invoke }, companyId),
    status: async (): Promise<QboStatus> => {
      const connection = await keeper.load();
      const invalid = connection?.invalid ?? null;
      return {
        companyId,
        state: !connection ? 'disconnected' : invalid ? 'reconnect_required' : 'connected',
        environment: 'custom',
        realmId: options.realmId,
        companyName: null,
        message: invalid?.reason ?? null,
        connectedAt: connection?.connectedAt ?? null,
        awaitingBrowser: false,
      };
    },
  };
  return { port, client, router, keeper, limiters, realmId: options.realmId, reconnectReasons };
}

export async function startWorldSandbox(timeScale = 60): Promise<RunningSandbox> {
  return startSandbox({ port: 0, controlRoutes: true, limits: { enabled: true, timeScale } });
}

export async function connect(sandbox: { url: string }, timeScale = 60, extra: Pick<ConnectOptions, 'throttleRetries' | 'timeoutMs' | 'companyId' | 'limiters'> = {}): Promise<InProcessConnection> {
  const t = await control(sandbox, 'tokens');
  return connectInProcess({
    apiBase: sandbox.url,
    oauthBase: sandbox.url,
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    realmId: String(t['realmId']),
    refreshToken: String(t['refresh_token']),
    accessToken: String(t['access_token']),
    accessExpiresIn: Number(t['expires_in']),
    limiter: { timeScale },
    ...extra,
  });
}
