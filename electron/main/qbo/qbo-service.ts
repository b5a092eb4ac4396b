// The QuickBooks connection as the app sees it: a small status machine
// (disconnected → connecting → connected, reconnect_required after invalid_grant, error), the
// settings, the OAuth flow, the token keeper and the API client, wired together. The renderer
// reaches it only through handlers.ts; no token ever leaves this object.
import type { QboSettingsInput, QboSettingsView, QboStatus } from '../../../shared/ipc/domains/qbo';
import type { AppPaths, Clock, ExternalOpener, SecretStore } from '../ports';
import { resolveQboConfig, type QboSettings, type ResolvedQboConfig } from './config';
import type { DemoCompany } from './demo';
import { createIntuitClient, TokenEndpointError } from './intuit-client';
import { startAuthorization, type AuthorizationFlow } from './oauth-flow';
import { createQboClient, type QboClient } from './qbo-client';
import { RateLimiterRegistry, type LimiterOptions } from './rate-limiter';
import { CLIENT_SECRET_KEY, loadSettings, saveSettings, settingsFile } from './settings-store';
import { TokenKeeper, type StoredConnection } from './token-keeper';

export interface QboServiceDeps {
  secretStore: SecretStore;
  clock: Clock;
  opener: ExternalOpener;
  paths: AppPaths;
  emitStatus: (status: QboStatus) => void;
  env?: Record<string, string | undefined>;
  limiter?: LimiterOptions;
  flowTimeoutMs?: number;
  /** Starts the local demo company; injectable so tests can count starts. */
  startDemo?: (options: { dataDir: string }) => Promise<DemoCompany>;
}

export class QboService {
  private settings: QboSettings = { environment: 'sandbox' };
  private statusValue: QboStatus;
  private flow: AuthorizationFlow | null = null;
  private demo: Promise<DemoCompany> | null = null;
  private demoBases: DemoCompany | null = null;
  private readonly env: Record<string, string | undefined>;
  private readonly file: string;
  private readonly ready: Promise<void>;
  readonly tokens: TokenKeeper;
  readonly limiters: RateLimiterRegistry;
  readonly client: QboClient;
  /** The last intuit_tid QuickBooks sent, for support requests. */
  lastIntuitTid: string | null = null;

  constructor(private readonly deps: QboServiceDeps) {
    this.env = deps.env ?? process.env;
    this.file = settingsFile(deps.paths.dataDir);
    this.statusValue = { state: 'disconnected', environment: 'sandbox', realmId: null, companyName: null, message: null, connectedAt: null, awaitingBrowser: false };
    this.tokens = new TokenKeeper({
      store: deps.secretStore,
      clock: deps.clock,
      refresher: () => {
        const config = this.configNow();
        // The redirect URI is not sent on refresh; any value will do.
        const intuit = createIntuitClient(config, 'http://127.0.0.1/callback');
        return async (refreshToken, realmId, sentAt) => (await intuit).refresh(refreshToken, realmId, sentAt);
      },
      onReconnectRequired: (reason) => this.setStatus({ state: 'reconnect_required', message: `Reconnect QuickBooks: ${reason}` }),
    });
    this.limiters = new RateLimiterRegistry(deps.limiter);
    this.client = createQboClient({
      apiBase: () => this.configNow().apiBase,
      tokens: this.tokens,
      limiters: this.limiters,
      // Through the keeper, so the stored connection and the status agree (and survive a restart).
      onAuthRejected: (reason, token) => void this.tokens.invalidate(reason, token).catch(() => undefined),
      onIntuitTid: (tid) => (this.lastIntuitTid = tid),
    });
    this.ready = this.init();
    this.ready.catch(() => undefined);
  }

  private cachedConfig: ResolvedQboConfig | null = null;
  private cachedSecret: string | null = null;

  private async init(): Promise<void> {
    this.settings = await loadSettings(this.file);
    this.cachedSecret = await this.deps.secretStore.get(CLIENT_SECRET_KEY);
    const connection = await this.tokens.load();
    if (connection) {
      this.settings = { ...this.settings, environment: connection.environment };
      this.statusValue = this.statusFrom(connection);
    } else {
      this.statusValue = { ...this.statusValue, environment: this.settings.environment };
    }
    this.deps.emitStatus(this.statusValue);
  }

  /** Resolves once settings and any saved connection are loaded (handlers await it). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  status(): QboStatus {
    return this.statusValue;
  }

  private statusFrom(c: StoredConnection): QboStatus {
    return {
      state: c.invalid ? 'reconnect_required' : 'connected',
      environment: c.environment,
      realmId: c.tokens.realmId,
      companyName: c.companyName,
      message: c.invalid ? `Reconnect QuickBooks: ${c.invalid.reason}` : null,
      connectedAt: c.connectedAt,
      awaitingBrowser: false,
    };
  }

  private setStatus(patch: Partial<QboStatus>): void {
    this.statusValue = { ...this.statusValue, ...patch };
    this.deps.emitStatus(this.statusValue);
  }

  /** The configuration in force now; the demo company must be running for 'demo'. */
  configNow(): ResolvedQboConfig {
    this.cachedConfig ??= resolveQboConfig({ settings: this.settings, clientSecret: this.cachedSecret, env: this.env, demo: this.demoBases });
    return this.cachedConfig;
  }

  /** For the demo environment, (re)start the demo company before anything talks to it. */
  async ensureBackend(): Promise<void> {
    await this.ready;
    if (this.settings.environment === 'demo' && !this.demoBases) await this.startDemoCompany();
  }

  settingsView(): QboSettingsView {
    const s = this.settings;
    return {
      environment: s.environment,
      customApiBase: s.customApiBase ?? null,
      customOAuthBase: s.customOAuthBase ?? null,
      clientId: s.clientId ?? null,
      hasClientSecret: Boolean(this.cachedSecret),
      keysFromEnvironment: Boolean(this.env['QBO_CLIENT_ID'] && this.env['QBO_CLIENT_SECRET']),
      relayUrl: s.relayUrl ?? null,
      loopbackPort: s.loopbackPort ?? null,
      basesFromEnvironment: Boolean(this.env['QBO_API_BASE'] || this.env['QBO_OAUTH_BASE']),
      secretStorage: this.deps.secretStore.describe(),
    };
  }

  async saveSettings(input: QboSettingsInput): Promise<QboSettingsView> {
    await this.ready;
    const connected = this.statusValue.state === 'connected' || this.statusValue.state === 'reconnect_required';
    if (connected && input.environment !== this.settings.environment) {
      throw new SettingsConflictError('Disconnect QuickBooks before switching to another environment; the synced data belongs to the connected company.');
    }
    const next: QboSettings = {
      environment: input.environment,
      customApiBase: input.customApiBase ?? this.settings.customApiBase,
      customOAuthBase: input.customOAuthBase ?? this.settings.customOAuthBase,
      clientId: input.clientId !== undefined ? input.clientId.trim() || undefined : this.settings.clientId,
      relayUrl: input.relayUrl ?? this.settings.relayUrl,
      loopbackPort: input.loopbackPort ?? this.settings.loopbackPort,
    };
    if (input.clientSecret === null) {
      await this.deps.secretStore.delete(CLIENT_SECRET_KEY);
      this.cachedSecret = null;
    } else if (input.clientSecret !== undefined) {
      await this.deps.secretStore.set(CLIENT_SECRET_KEY, input.clientSecret);
      this.cachedSecret = input.clientSecret;
    }
    await saveSettings(this.file, next);
    this.settings = next;
    this.cachedConfig = null;
    if (!connected) this.setStatus({ environment: next.environment });
    return this.settingsView();
  }

  /** Runs the consent flow; resolves with the new status once connected, throws a clear error otherwise. */
  async connect(): Promise<QboStatus> {
    await this.ensureBackend();
    if (this.flow) throw new SettingsConflictError('QuickBooks sign-in is already open in the browser; finish or cancel it first.');
    this.cachedConfig = null;
    const config = this.configNow();
    const before = this.statusValue;
    this.setStatus({ state: 'connecting', awaitingBrowser: true, message: 'Waiting for you to approve Track Nexus in the browser…' });
    try {
      this.flow = await startAuthorization(config, { opener: this.deps.opener, clock: this.deps.clock, ...(this.deps.flowTimeoutMs ? { timeoutMs: this.deps.flowTimeoutMs } : {}) });
      const tokens = await this.flow.result;
      const connection: StoredConnection = { tokens, environment: config.environment, companyName: null, connectedAt: this.deps.clock.now(), invalid: null };
      await this.tokens.save(connection);
      this.setStatus({ ...this.statusFrom(connection), message: null });
      // The company name is a nicety for the screen; failing to read it does not undo the connection.
      try {
        const info = await this.client.companyInfo();
        const name = typeof info['CompanyName'] === 'string' ? info['CompanyName'] : null;
        await this.tokens.update((current) => ({ ...current, companyName: name }));
        this.setStatus({ companyName: name });
      } catch {
        /* keep connected without a name */
      }
      return this.statusValue;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const back = before.state === 'connecting' ? 'disconnected' : before.state;
      const failedExchange = (error as { reason?: string }).reason === 'exchange';
      this.setStatus({ ...before, state: failedExchange ? 'error' : back, awaitingBrowser: false, message });
      throw error;
    } finally {
      this.flow = null;
    }
  }

  cancelConnect(): boolean {
    if (!this.flow) return false;
    this.flow.cancel();
    return true;
  }

  /** Revokes at Intuit (either token ends the whole grant) and forgets the tokens. */
  async disconnect(): Promise<QboStatus> {
    await this.ensureBackend();
    this.cancelConnect();
    const refreshToken = await this.tokens.refreshTokenForRevoke();
    let message: string | null = null;
    if (refreshToken) {
      try {
        const intuit = await createIntuitClient(this.configNow(), 'http://127.0.0.1/callback');
        await intuit.revoke(refreshToken);
      } catch (error) {
        // Forget the tokens anyway: keeping them would keep the app connected against the user's wish.
        const why = error instanceof TokenEndpointError ? error.message : String(error);
        message = `Disconnected on this computer, but QuickBooks could not be told (${why}). To be sure, remove Track Nexus under Apps in QuickBooks.`;
      }
    }
    await this.tokens.clear();
    this.setStatus({ state: 'disconnected', realmId: null, companyName: null, connectedAt: null, awaitingBrowser: false, message, environment: this.settings.environment });
    return this.statusValue;
  }

  /** Starts (or reuses) the local demo company and connects to it through the same consent flow. */
  async startDemo(): Promise<QboStatus> {
    await this.ready;
    const connected = this.statusValue.state === 'connected' || this.statusValue.state === 'reconnect_required';
    if (connected && this.settings.environment !== 'demo') {
      throw new SettingsConflictError('Disconnect your QuickBooks company before trying the demo company.');
    }
    if (this.settings.environment !== 'demo') {
      const next = { ...this.settings, environment: 'demo' as const };
      await saveSettings(this.file, next);
      this.settings = next;
      this.cachedConfig = null;
      this.setStatus({ environment: 'demo' });
    }
    await this.startDemoCompany();
    if (this.statusValue.state === 'connected') return this.statusValue;
    return this.connect();
  }

  private async startDemoCompany(): Promise<DemoCompany> {
    this.demo ??= (async () => {
      const start = this.deps.startDemo ?? (await import('./demo')).startDemoCompany;
      const demo = await start({ dataDir: this.deps.paths.dataDir });
      this.demoBases = demo;
      this.cachedConfig = null;
      return demo;
    })().catch((error: unknown) => {
      this.demo = null;
      throw error;
    });
    return this.demo;
  }

  async dispose(): Promise<void> {
    this.cancelConnect();
    const demo = this.demo;
    this.demo = null;
    this.demoBases = null;
    if (demo) await (await demo.catch(() => null))?.close();
  }
}

export class SettingsConflictError extends Error {
  override readonly name = 'SettingsConflictError';
}
