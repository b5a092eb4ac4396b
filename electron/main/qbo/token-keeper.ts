// Custody of the QuickBooks tokens. They live only in the SecretStore (encrypted) and in this
// object; nothing here is ever returned over IPC. Access tokens are refreshed before they run out,
// one refresh at a time however many requests are waiting, and a rotated refresh token is written
// to the store before the new access token is handed to anyone: if the app dies right after a
// refresh, the token on disk is the one Intuit now expects.
import type { Clock, SecretStore } from '../ports';
import type { CompanyId } from '../../../shared/ipc/domains/qbo';
import type { QboEndpoints, QboEnvironment } from './config';
import { TokenEndpointError, type TokenSet } from './intuit-client';

/** Where the single connection lived before several companies; moved to company 'primary'. */
export const LEGACY_CONNECTION_KEY = 'qbo.connection';
/** Each company's tokens under a key of its own in the SecretStore. */
export const connectionKey = (companyId: CompanyId) => `qbo.connection.${companyId}`;
/** Refresh when less than this is left, so a request never leaves with a token about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface StoredConnection {
  tokens: TokenSet;
  environment: QboEnvironment;
  /**
   * The servers that issued these tokens: every call and refresh goes there, whatever Settings say
   * later. Null for the demo company, whose servers are found again at each start (its port changes).
   */
  endpoints: QboEndpoints | null;
  /**
   * The keys the tokens were issued to (kept encrypted with them): refreshes use these, so a later
   * edit of the keys in Settings neither breaks this company nor sends its tokens with other keys.
   * Absent on connections made before they were kept (today's keys are used), and for the demo.
   */
  keys?: { clientId: string; clientSecret: string } | null;
  companyName: string | null;
  connectedAt: number;
  /**
   * Set when Intuit refused the refresh token (invalid_grant). The tokens are kept for diagnosis
   * but never used again; the user must reconnect.
   */
  invalid: { at: number; reason: string } | null;
}

/** Refreshing needs the token endpoint; the keeper gets it as a function so tests can count calls. */
type Refresher = (refreshToken: string, realmId: string, sentAt: number) => Promise<TokenSet>;

export class ReconnectRequiredError extends Error {
  override readonly name = 'ReconnectRequiredError';
}
export class NotConnectedError extends Error {
  override readonly name = 'NotConnectedError';
}
export class TokenNetworkError extends Error {
  override readonly name = 'TokenNetworkError';
}

export interface TokenKeeperDeps {
  store: SecretStore;
  /** The SecretStore key of this company's connection (connectionKey). */
  key: string;
  clock: Clock;
  refresher: () => Refresher;
  /** Told when Intuit refused the refresh token, so the status can become reconnect_required. */
  onReconnectRequired: (reason: string) => void;
}

export class TokenKeeper {
  private connection: StoredConnection | null = null;
  private loaded = false;
  private refreshing: Promise<TokenSet> | null = null;
  private refreshCount = 0;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: TokenKeeperDeps) {}

  async load(): Promise<StoredConnection | null> {
    if (!this.loaded) {
      const text = await this.deps.store.get(this.deps.key);
      this.connection = text ? (JSON.parse(text) as StoredConnection) : null;
      this.loaded = true;
    }
    return this.connection;
  }

  /** After a successful consent: persist first, then start using the tokens. */
  async save(connection: StoredConnection): Promise<void> {
    await this.locked(async () => {
      await this.deps.store.set(this.deps.key, JSON.stringify(connection));
      this.connection = connection;
      this.loaded = true;
    });
  }

  /** Changes the stored connection under the write lock, from the newest copy, so no update is lost. */
  async update(patch: (current: StoredConnection) => StoredConnection): Promise<StoredConnection | null> {
    return this.locked(async () => {
      const current = await this.load();
      if (!current) return null;
      const next = patch(current);
      await this.deps.store.set(this.deps.key, JSON.stringify(next));
      this.connection = next;
      return next;
    });
  }

  private locked<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writes.then(task, task);
    this.writes = run.catch(() => undefined);
    return run;
  }

  async clear(): Promise<void> {
    await this.locked(async () => {
      await this.deps.store.delete(this.deps.key);
      this.connection = null;
      this.loaded = true;
    });
  }

  /** How many refreshes this keeper has started (for diagnostics and tests). */
  get refreshes(): number {
    return this.refreshCount;
  }

  /** The servers this connection is bound to (once loaded). */
  endpoints(): QboEndpoints | null {
    return this.connection?.endpoints ?? null;
  }

  /** The keys this connection's tokens were issued to, when kept. */
  keys(): { clientId: string; clientSecret: string } | null {
    return this.connection?.keys ?? null;
  }

  realmId(): string | null {
    return this.connection?.tokens.realmId ?? null;
  }

  /** A valid access token, refreshed first when fewer than five minutes remain. */
  async accessToken(): Promise<{ token: string; realmId: string }> {
    const connection = await this.usable();
    const tokens = connection.tokens;
    const expiresAt = tokens.createdAt + tokens.expires_in * 1000;
    if (expiresAt - this.deps.clock.now() > REFRESH_MARGIN_MS) return { token: tokens.access_token, realmId: tokens.realmId };
    const fresh = await this.refreshOnce();
    return { token: fresh.access_token, realmId: fresh.realmId };
  }

  /**
   * QuickBooks said 401 to `rejected`. Refresh unless someone already replaced that token (then
   * the caller just retries with the current one), so a burst of 401s costs one refresh.
   */
  async afterUnauthorized(rejected: string): Promise<{ token: string; realmId: string }> {
    const connection = await this.usable();
    if (connection.tokens.access_token !== rejected) return { token: connection.tokens.access_token, realmId: connection.tokens.realmId };
    const fresh = await this.refreshOnce();
    return { token: fresh.access_token, realmId: fresh.realmId };
  }

  /** The refresh token to revoke on disconnect (even an invalidated one, which is harmless to send). */
  async refreshTokenForRevoke(): Promise<string | null> {
    return (await this.load())?.tokens.refresh_token ?? null;
  }

  private async usable(): Promise<StoredConnection> {
    const connection = await this.load();
    if (!connection) throw new NotConnectedError('QuickBooks is not connected.');
    if (connection.invalid) throw new ReconnectRequiredError(`Reconnect QuickBooks: ${connection.invalid.reason}`);
    return connection;
  }

  private refreshOnce(): Promise<TokenSet> {
    // Single flight: every caller waiting while a refresh is under way shares its outcome.
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<TokenSet> {
    const connection = await this.usable();
    const old = connection.tokens;
    const now = this.deps.clock.now();
    if (old.x_refresh_token_expires_in > 0 && old.createdAt + old.x_refresh_token_expires_in * 1000 <= now) {
      await this.markInvalid(connection, 'the saved QuickBooks authorization has expired (it lasts 100 days without use).');
      throw new ReconnectRequiredError('Reconnect QuickBooks: the saved authorization has expired.');
    }
    this.refreshCount++;
    let fresh: TokenSet;
    try {
      fresh = await this.deps.refresher()(old.refresh_token, old.realmId, now);
    } catch (error) {
      if (error instanceof TokenEndpointError && (error.isInvalidGrant || error.code === 'invalid_client')) {
        const reason =
          error.code === 'invalid_client'
            ? 'QuickBooks no longer accepts this app’s keys (invalid_client). Check the client ID and secret in Settings.'
            : 'QuickBooks no longer accepts the saved authorization (invalid_grant): it was revoked, expired or replaced.';
        await this.markInvalid(connection, reason);
        throw new ReconnectRequiredError(`Reconnect QuickBooks: ${reason}`);
      }
      // A network failure changes nothing: the old refresh token stays valid, try again later.
      throw new TokenNetworkError(error instanceof Error ? error.message : String(error));
    }
    // Persist the rotated refresh token before anyone uses the new access token. If this write
    // fails we throw and keep the old tokens: Intuit honours the previous refresh token for
    // 24 hours, so the next attempt can refresh again; nothing is stranded.
    const next = await this.update((current) => ({ ...current, tokens: { ...fresh, realmId: old.realmId } }));
    if (!next) throw new NotConnectedError('QuickBooks was disconnected while the token was being refreshed.');
    return next.tokens;
  }

  /**
   * QuickBooks refused even a freshly refreshed token: stop using this grant until reconnect.
   * `rejectedAccessToken` is the token that was refused; if a reconnect has replaced it since (the
   * answer came back late), the new connection is not touched.
   */
  async invalidate(reason: string, rejectedAccessToken?: string): Promise<void> {
    const connection = await this.load();
    if (!connection || connection.invalid) return;
    if (rejectedAccessToken !== undefined && connection.tokens.access_token !== rejectedAccessToken) return;
    await this.markInvalid(connection, reason);
  }

  /** Marks the grant holding this refresh token invalid, and only that grant. */
  private async markInvalid(connection: StoredConnection, reason: string): Promise<void> {
    const refused = connection.tokens.refresh_token;
    const same = (c: StoredConnection | null | undefined) => c?.tokens.refresh_token === refused;
    // A reconnect may have saved new tokens while this failure was on its way: leave them alone.
    if (this.connection && !same(this.connection)) return;
    const invalid = { at: this.deps.clock.now(), reason };
    // In memory first: even if the store cannot be written, these tokens are not used again.
    this.connection = { ...connection, invalid };
    try {
      await this.update((current) => (same(current) ? { ...current, invalid } : current));
    } finally {
      this.deps.onReconnectRequired(reason);
    }
  }
}
