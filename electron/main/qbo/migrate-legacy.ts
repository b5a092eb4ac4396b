// Before several companies, one connection lived under `qbo.connection`. It becomes company
// 'primary' (the data synced so far belongs to it): written under the new key and listed first,
// and only then removed from the old key, so a crash half-way loses nothing.
import { PRIMARY_COMPANY } from '../../../shared/qbo/company';
import type { SecretStore } from '../ports';
import { loadCompanies, saveCompanies } from './company-registry';
import type { QboEndpoints, QboEnvironment } from './config';
import { connectionKey, LEGACY_CONNECTION_KEY, type StoredConnection } from './token-keeper';

export async function migrateLegacyConnection(deps: {
  store: SecretStore;
  registry: string;
  /** Where that environment lives now (the old connection did not record it); null if unknown. */
  endpoints: (environment: QboEnvironment) => QboEndpoints | null;
}): Promise<void> {
  const text = await deps.store.get(LEGACY_CONNECTION_KEY);
  if (!text) return;
  const old = JSON.parse(text) as Omit<StoredConnection, 'endpoints'>;
  const companies = await loadCompanies(deps.registry);
  if (!companies.some((c) => c.id === PRIMARY_COMPANY)) {
    const endpoints = old.environment === 'demo' ? null : deps.endpoints(old.environment);
    await deps.store.set(connectionKey(PRIMARY_COMPANY), JSON.stringify({ ...old, endpoints } satisfies StoredConnection));
    const primary = { id: PRIMARY_COMPANY, environment: old.environment, realmId: old.tokens.realmId, companyName: old.companyName, createdAt: old.connectedAt };
    await saveCompanies(deps.registry, [primary, ...companies]);
  }
  await deps.store.delete(LEGACY_CONNECTION_KEY);
}
