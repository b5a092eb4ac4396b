// A QboPort in plain Node over main's real QuickBooks client (TokenKeeper with a real intuit-oauth
// refresh, the per-realm rate limiter, fetch), for the engine tests and `npm run bench:sync`. It maps
// main's errors exactly as electron/main/qbo/handlers.ts does for IPC. Lives outside renderer/ so the
// renderer bundle never imports main-process code.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveQboConfig, type ResolvedQboConfig } from '../../../electron/main/qbo/config';
import { QboFault, QboNetworkError } from '../../../electron/main/qbo/faults';
import { createIntuitClient } from '../../../electron/main/qbo/intuit-client';
import { createQboClient, type QboClient } from '../../../electron/main/qbo/qbo-client';
import { RateLimiterRegistry, type LimiterOptions } from '../../../electron/main/qbo/rate-limiter';
import { NotConnectedError, ReconnectRequiredError, TokenKeeper, TokenNetworkError } from '../../../electron/main/qbo/token-keeper';
import { fileSecretStore } from '../../../electron/main/secrets/file-secret-store';
import type { QboStatus } from '../../../shared/ipc/domains/qbo';
import { QboPortError, type QboPort } from '../../../renderer/src/sync/qbo-port';

export function portError(error: unknown): unknown {
  if (error instanceof QboPortError) return error;
  if (error instanceof ReconnectRequiredError || error instanceof NotConnectedError) return new QboPortError('auth', error.message, { status: 401, code: '3200' });
  if (error instanceof TokenNetworkError || error instanceof QboNetworkError) return new QboPortError('network', error.message);
  if (error instanceof QboFault) {
    const details = { status: error.status, type: error.type, ...(error.code ? { code: error.code } : {}), ...(error.intuitTid ? { intuitTid: error.intuitTid } : {}) };
    return new QboPortError(error.isAuth ? 'auth' : 'remote', error.message, details);
  }
  return error;
}

async function guard<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    throw portError(error);
  }
}

export interface InProcessConnection {
  port: QboPort;
  client: QboClient;
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
  timeoutMs?: number;
  throttleRetries?: number;
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
  const keeper = new TokenKeeper({
    store: fileSecretStore(dir),
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
    companyName: null,
    connectedAt: Date.now(),
    invalid: null,
  });
  const limiters = new RateLimiterRegistry(options.limiter ?? {});
  const client = createQboClient({
    apiBase: () => config.apiBase,
    tokens: keeper,
    limiters,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.throttleRetries !== undefined ? { throttleRetries: options.throttleRetries } : {}),
    onAuthRejected: (reason, token) => void keeper.invalidate(reason, token),
  });

  const port: QboPort = {
    batch: (requestId, items) => guard(() => client.batch(items, requestId)),
    queryAll: (entity, where) => guard(() => client.queryAll(entity, where)),
    read: (entity, id) =>
      guard(async () => {
        try {
          return await client.read(entity, id);
        } catch (error) {
          if (error instanceof QboFault && error.code === '610') return null;
          throw error;
        }
      }),
    company: () => guard(async () => ({ companyInfo: await client.companyInfo(), preferences: await client.preferences() })),
    changes: (entities, since) => guard(() => client.cdc(entities, since)),
    status: async (): Promise<QboStatus> => {
      const connection = await keeper.load();
      const invalid = connection?.invalid ?? null;
      return {
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
  return { port, client, keeper, limiters, realmId: options.realmId, reconnectReasons };
}
