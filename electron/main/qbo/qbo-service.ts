// The QuickBooks companies as the app sees them: the settings (what the next connect uses), the
// company registry, one consent flow at a time, and per company a status machine
// (disconnected → connecting → connected, reconnect_required after invalid_grant, error), a
// TokenKeeper and a client bound to the servers that issued its tokens. The renderer reaches it
// only through handlers.ts; no token ever leaves this object.
import type { CompanyId, QboEnvironment, QboSettingsInput, QboSettingsView, QboStatus } from '../../../shared/ipc/domains/qbo';
import type { AppPaths, Clock, ExternalOpener, SecretStore } from '../ports';
import { QboCompany, connectedStatus } from './company';
import { loadCompanies, newCompanyId, registryFile, saveCompanies, type CompanyRecord } from './company-registry';
import { defaultSettings, defaultSettingsFor, publisherFor, QboConfigError, resolveQboConfig, resolveQboEndpoints, type QboSettings, type ResolvedQboConfig } from './config';
import type { DemoCompany } from './demo';
import { createIntuitClient, TokenEndpointError, type TokenSet } from './intuit-client';
import { migrateLegacyConnection } from './migrate-legacy';
import { startAuthorization, type AuthorizationFlow } from './oauth-flow';
import { builtInPublisher, type PublisherApp } from './publisher';
import type { QboClient } from './qbo-client';
import { RateLimiterRegistry, type LimiterOptions } from './rate-limiter';
import { CLIENT_SECRET_KEY, loadSettings, readBoundSecret, saveSettings, settingsFile, type BoundSecret } from './settings-store';
import { NotConnectedError, ReconnectRequiredError, type StoredConnection } from './token-keeper';

export interface QboServiceDeps {
  secretStore: SecretStore;
  clock: Clock;
  opener: ExternalOpener;
  paths: AppPaths;
  emitStatus: (status: QboStatus) => void;
  env?: Record<string, string | undefined>;
  limiter?: LimiterOptions;
  flowTimeoutMs?: number;
  /** Ids of the workspace's other companies (QuickBooks Desktop): a new Online company never takes one. */
  otherCompanyIds?: () => Promise<CompanyId[]>;
  /** Starts the local demo company; injectable so tests can count starts. */
  startDemo?: (options: { dataDir: string }) => Promise<DemoCompany>;
  /** The publisher's Intuit app; by default the one this build carries (none in development). */
  publisher?: PublisherApp | null;
}

export class QboService {
  private settings: QboSettings = defaultSettings;
  private cachedSecret: BoundSecret | null = null;
  private readonly companies = new Map<CompanyId, QboCompany>();
  private consenting = false;
  private flow: AuthorizationFlow | null = null;
  private demo: Promise<DemoCompany> | null = null;
  private demoBases: DemoCompany | null = null;
  private registryWrites: Promise<unknown> = Promise.resolve();
  private readonly env: Record<string, string | undefined>;
  private readonly publisher: PublisherApp | null;
  private readonly ready: Promise<void>;
  /** Shared by every company: QuickBooks limits each realm, so one company never slows another. */
  readonly limiters: RateLimiterRegistry;

  constructor(private readonly deps: QboServiceDeps) {
    this.env = deps.env ?? process.env;
    this.publisher = deps.publisher === undefined ? builtInPublisher() : deps.publisher;
    this.limiters = new RateLimiterRegistry(deps.limiter);
    this.ready = this.init();
    this.ready.catch(() => undefined);
  }

  private async init(): Promise<void> {
    this.settings = await loadSettings(settingsFile(this.deps.paths.dataDir), defaultSettingsFor(this.publisher));
    const stored = await this.deps.secretStore.get(CLIENT_SECRET_KEY);
    this.cachedSecret = readBoundSecret(stored, this.endpointsNow(this.settings.environment)?.oauth.tokenEndpoint ?? null);
    const registry = registryFile(this.deps.paths.dataDir);
    await migrateLegacyConnection({ store: this.deps.secretStore, registry, endpoints: (environment) => this.endpointsNow(environment) });
    for (const record of await loadCompanies(registry)) {
      const company = this.add(record);
      await company.restore();
      this.deps.emitStatus(company.status());
    }
  }

  private endpointsNow(environment: QboEnvironment) {
    return this.endpointsOf({ ...this.settings, environment });
  }

  private endpointsOf(settings: QboSettings) {
    try {
      return resolveQboEndpoints({ settings, env: this.env, publisher: this.publisher });
    } catch {
      return null;
    }
  }

  /** The stored client secret, if it was entered for this token endpoint. */
  private secretFor(tokenEndpoint: string): string | null {
    return this.cachedSecret?.tokenEndpoint === tokenEndpoint ? this.cachedSecret.secret : null;
  }

  /** The secret a new connect may send: only to the server it was entered for, never to one typed in since. */
  private secretForNew(environment: QboEnvironment): string | null {
    if (!this.cachedSecret || environment === 'demo') return null;
    if (publisherFor({ settings: { ...this.settings, environment }, env: this.env, publisher: this.publisher })) return null;
    const endpoint = this.endpointsNow(environment)?.oauth.tokenEndpoint;
    const secret = endpoint ? this.secretFor(endpoint) : null;
    if (secret === null && !this.env['QBO_CLIENT_SECRET']) {
      throw new QboConfigError('The client secret in Settings was entered for another sign-in server. Enter it again for this one, then connect.');
    }
    return secret;
  }

  private add(record: CompanyRecord): QboCompany {
    const company = new QboCompany(record, {
      store: this.deps.secretStore,
      clock: this.deps.clock,
      limiters: this.limiters,
      config: (c) => this.companyConfig(c),
      emitStatus: this.deps.emitStatus,
    });
    this.companies.set(record.id, company);
    return company;
  }

  /** Resolves once settings and the saved companies are loaded (handlers await it). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Every company, connected or not, oldest first. */
  list(): QboStatus[] {
    return [...this.companies.values()].map((c) => c.status());
  }

  /** A company's status; one not in the workspace (yet) reads as disconnected. */
  status(companyId: CompanyId): QboStatus {
    const company = this.companies.get(companyId);
    if (company) return company.status();
    return { companyId, state: 'disconnected', environment: this.settings.environment, realmId: null, companyName: null, message: null, connectedAt: null, awaitingBrowser: false };
  }

  /**
   * A company's configuration: the endpoints its tokens came from (the demo company's as running
   * now), with today's keys. Settings' environment and bases play no part.
   */
  private companyConfig(company: QboCompany): ResolvedQboConfig {
    const environment = company.record.environment;
    const bound = company.tokens.endpoints();
    if (environment !== 'demo' && !bound) throw new ReconnectRequiredError('Reconnect QuickBooks: the server this company was connected to is not known any more.');
    const settings = { ...this.settings, environment };
    const boundKeys = company.tokens.keys();
    const clientSecret = bound ? this.secretFor(bound.oauth.tokenEndpoint) : null;
    return resolveQboConfig({ settings, clientSecret, env: this.env, demo: this.demoBases, publisher: this.publisher, ...(bound && environment !== 'demo' ? { bound, boundKeys } : {}) });
  }

  /** The client of a connected company, starting the demo company first when it is that one. */
  async clientFor(companyId: CompanyId): Promise<QboClient> {
    await this.ready;
    const company = this.companies.get(companyId);
    if (!company) throw new NotConnectedError('That QuickBooks company is not in this workspace.');
    if (company.record.environment === 'demo' && company.status().state === 'connected') await this.startDemoCompany();
    return company.client;
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
      publisherApp: this.publisher !== null,
    };
  }

  /** Changes what the next connect uses; connected companies keep their environment and servers. */
  async saveSettings(input: QboSettingsInput): Promise<QboSettingsView> {
    await this.ready;
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
      // Bound to the sign-in server of the settings it was entered with; sent nowhere else.
      const endpoint = this.endpointsOf(next)?.oauth.tokenEndpoint ?? null;
      this.cachedSecret = { secret: input.clientSecret, tokenEndpoint: endpoint };
      await this.deps.secretStore.set(CLIENT_SECRET_KEY, JSON.stringify(this.cachedSecret));
    }
    await saveSettings(settingsFile(this.deps.paths.dataDir), next);
    this.settings = next;
    return this.settingsView();
  }

  /**
   * Runs the consent flow. With a company, reconnects it (in its own environment); without, the
   * realm the user picks becomes a new company in Settings' environment, or the company already
   * holding that realm. Resolves with the company's status; throws a clear error otherwise.
   */
  async connect(companyId?: CompanyId): Promise<QboStatus> {
    await this.ready;
    const target = companyId ? this.companies.get(companyId) : undefined;
    if (companyId && !target) throw new NotConnectedError('That QuickBooks company is not in this workspace.');
    return this.consent(target?.record.environment ?? this.settings.environment, target ?? null);
  }

  private async consent(environment: QboEnvironment, target: QboCompany | null): Promise<QboStatus> {
    if (this.consenting) throw new SettingsConflictError('QuickBooks sign-in is already open in the browser; finish or cancel it first.');
    this.consenting = true;
    try {
      if (environment === 'demo') await this.startDemoCompany();
      const config = resolveQboConfig({ settings: { ...this.settings, environment }, clientSecret: this.secretForNew(environment), env: this.env, demo: this.demoBases, publisher: this.publisher });
      return await this.consentWith(config, target);
    } finally {
      this.consenting = false;
      this.flow = null;
    }
  }

  private async consentWith(config: ResolvedQboConfig, target: QboCompany | null): Promise<QboStatus> {
    // A new company's statuses carry the id it will get, until the realm says which company it is.
    const others = (await this.deps.otherCompanyIds?.()) ?? [];
    const pendingId = target?.id ?? newCompanyId([...this.records(), ...others.map((id) => ({ id }))]);
    const show = (patch: Partial<QboStatus>) => (target ? target.setStatus(patch) : this.showPending(pendingId, config.environment, patch));
    const before = target?.status() ?? null;
    show({ state: 'connecting', awaitingBrowser: true, message: 'Waiting for you to approve Track Nexus in the browser…' });
    try {
      this.flow = await startAuthorization(config, { opener: this.deps.opener, clock: this.deps.clock, ...(this.deps.flowTimeoutMs ? { timeoutMs: this.deps.flowTimeoutMs } : {}) });
      const company = await this.adopt(target, pendingId, config, await this.flow.result);
      if (company.id !== pendingId) show({ state: 'disconnected', awaitingBrowser: false, message: null });
      await this.readName(company);
      return company.status();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failedExchange = (error as { reason?: string }).reason === 'exchange';
      const back = !before || before.state === 'connecting' ? 'disconnected' : before.state;
      show({ ...before, state: failedExchange ? 'error' : back, awaitingBrowser: false, message });
      throw error;
    }
  }

  private showPending(companyId: CompanyId, environment: QboEnvironment, patch: Partial<QboStatus>): QboStatus {
    const status: QboStatus = { ...this.status(companyId), environment, ...patch, companyId };
    this.deps.emitStatus(status);
    return status;
  }

  /** The company the consented tokens belong to, with the tokens saved and bound to their servers. */
  private async adopt(target: QboCompany | null, pendingId: CompanyId, config: ResolvedQboConfig, tokens: TokenSet): Promise<QboCompany> {
    if (target && target.record.realmId !== tokens.realmId) {
      await this.revokeQuietly(config, tokens.refresh_token);
      const name = target.record.companyName ?? 'the company you are reconnecting';
      throw new SettingsConflictError(`You picked a different QuickBooks company. To reconnect ${name}, choose ${name} on Intuit’s page; to add the other company, use Add company instead.`);
    }
    const company =
      target ??
      [...this.companies.values()].find((c) => c.record.environment === config.environment && c.record.realmId === tokens.realmId) ??
      (await this.register({ id: pendingId, environment: config.environment, realmId: tokens.realmId, companyName: null, createdAt: this.deps.clock.now() }));
    const demo = config.environment === 'demo';
    const endpoints = demo ? null : { apiBase: config.apiBase, oauth: config.oauth };
    const keys = demo ? null : { clientId: config.clientId, clientSecret: config.clientSecret };
    const connection: StoredConnection = { tokens, environment: config.environment, endpoints, keys, companyName: company.record.companyName, connectedAt: this.deps.clock.now(), invalid: null };
    await company.tokens.save(connection);
    company.setStatus(connectedStatus(company.record, connection));
    return company;
  }

  private records(): CompanyRecord[] {
    return [...this.companies.values()].map((c) => c.record);
  }

  private async register(record: CompanyRecord): Promise<QboCompany> {
    const company = this.add(record);
    await this.saveRegistry();
    return company;
  }

  private saveRegistry(): Promise<void> {
    const write = this.registryWrites.then(() => saveCompanies(registryFile(this.deps.paths.dataDir), this.records()));
    this.registryWrites = write.catch(() => undefined);
    return write;
  }

  /** The company name is a nicety for the screen; failing to read it does not undo the connection. */
  private async readName(company: QboCompany): Promise<void> {
    try {
      const info = await company.client.companyInfo();
      const name = typeof info['CompanyName'] === 'string' ? info['CompanyName'] : null;
      company.record = { ...company.record, companyName: name };
      await this.saveRegistry();
      await company.tokens.update((current) => ({ ...current, companyName: name }));
      company.setStatus({ companyName: name });
    } catch {
      /* keep connected without a name */
    }
  }

  cancelConnect(): boolean {
    if (!this.flow) return false;
    this.flow.cancel();
    return true;
  }

  /** Revokes that company's grant at Intuit and forgets its tokens; it stays listed, and others are untouched. */
  async disconnect(companyId: CompanyId): Promise<QboStatus> {
    await this.ready;
    const company = this.companies.get(companyId);
    if (!company) return this.status(companyId);
    if (company.status().state === 'connecting') this.cancelConnect();
    const refreshToken = await company.tokens.refreshTokenForRevoke();
    const message = refreshToken ? await this.revokeFor(company, refreshToken) : null;
    await company.tokens.clear();
    return company.setStatus({ state: 'disconnected', connectedAt: null, awaitingBrowser: false, message });
  }

  /** Revokes at the company's own server (either token ends the whole grant); a message if that failed. */
  private async revokeFor(company: QboCompany, refreshToken: string): Promise<string | null> {
    try {
      if (company.record.environment === 'demo') await this.startDemoCompany();
      const intuit = await createIntuitClient(this.companyConfig(company), 'http://127.0.0.1/callback');
      await intuit.revoke(refreshToken);
      return null;
    } catch (error) {
      // Forget the tokens anyway: keeping them would keep the app connected against the user's wish.
      const why = error instanceof TokenEndpointError ? error.message : String(error);
      return `Disconnected on this computer, but QuickBooks could not be told (${why}). To be sure, remove Track Nexus under Apps in QuickBooks.`;
    }
  }

  private async revokeQuietly(config: ResolvedQboConfig, refreshToken: string): Promise<void> {
    try {
      await (await createIntuitClient(config, 'http://127.0.0.1/callback')).revoke(refreshToken);
    } catch {
      /* the unwanted grant lapses on its own */
    }
  }

  /** Starts (or reuses) the local demo company and connects to it: a company of its own beside any real one. */
  async startDemo(): Promise<QboStatus> {
    await this.ready;
    const demo = [...this.companies.values()].find((c) => c.record.environment === 'demo') ?? null;
    await this.startDemoCompany();
    if (demo?.status().state === 'connected') return demo.status();
    return this.consent('demo', demo);
  }

  private async startDemoCompany(): Promise<DemoCompany> {
    this.demo ??= (async () => {
      const start = this.deps.startDemo ?? (await import('./demo')).startDemoCompany;
      const demo = await start({ dataDir: this.deps.paths.dataDir });
      this.demoBases = demo;
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
