// Everything one running sandbox holds: the company, the OAuth grants, the throttles,
// injected faults and counters, plus loading and saving them when persistence is on.
import { AccountingApi } from './api';
import { FaultInjector } from './faults';
import { RateLimiter, type LimitSettings } from './limits';
import { emptyOAuth, OAuthServer, type OAuthClientCredentials } from './oauth';
import { loadState, saveState } from './persist';
import { SAMPLE_REALM_ID, seedCompany } from './seed';
import { Company, ENTITY_TYPES, type TaxModel, type Variant } from './store';

export interface Counters {
  requests: number;
  throttled: number;
  faultsInjected: number;
  droppedAfterCommit: number;
  replays: number;
}

export interface RuntimeOptions {
  now: () => number;
  wait: (ms: number) => Promise<void>;
  variant: Variant;
  taxModel?: TaxModel;
  clients: OAuthClientCredentials[];
  limits: LimitSettings;
  persistPath?: string;
  realmId?: string;
}

const zeroCounters = (): Counters => ({ requests: 0, throttled: 0, faultsInjected: 0, droppedAfterCommit: 0, replays: 0 });

export class SandboxRuntime {
  company: Company;
  readonly oauth: OAuthServer;
  readonly limiter: RateLimiter;
  readonly faults = new FaultInjector();
  readonly api: AccountingApi;
  counters = zeroCounters();

  constructor(readonly options: RuntimeOptions) {
    const saved = options.persistPath ? loadState(options.persistPath) : undefined;
    const realmId = options.realmId ?? SAMPLE_REALM_ID;
    this.company = new Company(saved?.company ?? seedCompany({ variant: options.variant, realmId, ...(options.taxModel ? { taxModel: options.taxModel } : {}) }), options.now);
    this.oauth = new OAuthServer(saved?.oauth ?? emptyOAuth(), options.clients, realmId, () => this.companyName(), options.now);
    this.limiter = new RateLimiter({ ...options.limits }, options.now);
    this.api = new AccountingApi(() => this.company, () => this.companyName());
  }

  get realmId(): string {
    return this.company.realmId;
  }

  companyName(): string {
    return String(this.company.get('CompanyInfo', '1')?.CompanyName ?? '');
  }

  /** Back to the seeded company; tokens stay valid, counters, throttles and faults start over. */
  reset(variant: Variant, extraCustomers = 0, timeZone?: string, bookCloseDate?: string | null, taxModel?: TaxModel): void {
    this.company = new Company(seedCompany({ variant, extraCustomers, timeZone, bookCloseDate, taxModel, realmId: this.realmId }), this.options.now);
    this.counters = zeroCounters();
    this.limiter.clear();
    this.faults.reset();
    this.persist();
  }

  persist(): void {
    if (this.options.persistPath) saveState(this.options.persistPath, { version: 1, company: this.company.data, oauth: this.oauth.data });
  }

  /** Everything written, by type, plus counters, for tests and benchmarks to assert on. */
  snapshot(): Record<string, unknown> {
    return {
      realmId: this.realmId,
      variant: this.company.data.variant,
      taxModel: this.company.taxModel,
      entities: Object.fromEntries(ENTITY_TYPES.map((t) => [t, this.company.all(t)])),
      deleted: this.company.data.tombstones,
      requestIds: Object.keys(this.company.data.requestCache).length,
      counters: this.counters,
      limits: this.limiter.settings,
      faults: this.faults.settings,
    };
  }
}
