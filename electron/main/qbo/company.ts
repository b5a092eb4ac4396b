// One QuickBooks company of the workspace: its record, its TokenKeeper (tokens under its own key)
// and its QboClient, which sends to the servers that issued its tokens, through the shared
// per-realm limiters. Its status is its own: invalid_grant here marks only this company.
import type { QboStatus } from '../../../shared/ipc/domains/qbo';
import type { Clock, SecretStore } from '../ports';
import type { CompanyRecord } from './company-registry';
import type { ResolvedQboConfig } from './config';
import { createIntuitClient } from './intuit-client';
import { createQboClient, type QboClient } from './qbo-client';
import type { RateLimiterRegistry } from './rate-limiter';
import { connectionKey, TokenKeeper, type StoredConnection } from './token-keeper';

export interface CompanyDeps {
  store: SecretStore;
  clock: Clock;
  limiters: RateLimiterRegistry;
  /** The configuration bound to this company's connection (its endpoints, today's keys). */
  config: (company: QboCompany) => ResolvedQboConfig;
  emitStatus: (status: QboStatus) => void;
}

export class QboCompany {
  readonly tokens: TokenKeeper;
  readonly client: QboClient;
  private statusValue: QboStatus;
  private readonly emit: () => void;

  constructor(
    public record: CompanyRecord,
    deps: CompanyDeps,
  ) {
    this.statusValue = disconnectedStatus(record);
    this.tokens = new TokenKeeper({
      store: deps.store,
      key: connectionKey(record.id),
      clock: deps.clock,
      refresher: () => {
        // The redirect URI is not sent on refresh; any value will do.
        const intuit = createIntuitClient(deps.config(this), 'http://127.0.0.1/callback');
        return async (refreshToken, realmId, sentAt) => (await intuit).refresh(refreshToken, realmId, sentAt);
      },
      onReconnectRequired: (reason) => this.setStatus({ state: 'reconnect_required', message: `Reconnect QuickBooks: ${reason}` }),
    });
    this.client = createQboClient({
      apiBase: () => deps.config(this).apiBase,
      tokens: this.tokens,
      limiters: deps.limiters,
      // Through the keeper, so the stored connection and the status agree (and survive a restart).
      onAuthRejected: (reason, token) => void this.tokens.invalidate(reason, token).catch(() => undefined),
    });
    this.emit = () => deps.emitStatus(this.statusValue);
  }

  get id() {
    return this.record.id;
  }

  status(): QboStatus {
    return this.statusValue;
  }

  setStatus(patch: Partial<QboStatus>): QboStatus {
    this.statusValue = { ...this.statusValue, ...patch, companyId: this.record.id };
    this.emit();
    return this.statusValue;
  }

  /** The status a saved connection (or its absence) means, without emitting it. */
  async restore(): Promise<void> {
    const connection = await this.tokens.load();
    this.statusValue = connection ? connectedStatus(this.record, connection) : disconnectedStatus(this.record);
  }
}

export function connectedStatus(record: CompanyRecord, c: StoredConnection): QboStatus {
  return {
    companyId: record.id,
    state: c.invalid ? 'reconnect_required' : 'connected',
    environment: record.environment,
    realmId: record.realmId,
    companyName: record.companyName,
    message: c.invalid ? `Reconnect QuickBooks: ${c.invalid.reason}` : null,
    connectedAt: c.connectedAt,
    awaitingBrowser: false,
  };
}

function disconnectedStatus(record: CompanyRecord): QboStatus {
  return {
    companyId: record.id,
    state: 'disconnected',
    environment: record.environment,
    realmId: record.realmId,
    companyName: record.companyName,
    message: null,
    connectedAt: null,
    awaitingBrowser: false,
  };
}
