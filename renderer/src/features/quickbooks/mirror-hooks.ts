// Live reads of the QuickBooks mirror for the QuickBooks screen's tabs, plus the few words and
// formats they share. Everything comes from repositories (useLiveQuery); nothing is copied.
import { isLocalDate } from '../../../../shared/time/local-date';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatDate } from '../../../../shared/time/display';
import { formatMoney as formatSharedMoney } from '../../../../shared/money/money';
import type { QboPreferences } from '../../../../shared/qbo/types';
import type { WorkerMapping } from '../../../../shared/qbo/transform';
import { useRepos } from '../../data/repos-context';
import { useCompanyId } from './qbo-tab-store';
import type { QboEntityKind, QboEntityRow } from '../../db/schema';

export const ENTITY_LABELS: Record<QboEntityKind, string> = {
  customer: 'Customers and jobs',
  item: 'Products and services',
  employee: 'Employees',
  vendor: 'Vendors',
  class: 'Classes',
};

export interface MirrorLists {
  customer: QboEntityRow[];
  item: QboEntityRow[];
  employee: QboEntityRow[];
  vendor: QboEntityRow[];
  class: QboEntityRow[];
}

export interface CompanySnapshot {
  company: Record<string, unknown> | null;
  preferences: QboPreferences;
  importedAt: number | null;
  worker: WorkerMapping | null;
  lists: MirrorLists;
}

/** The chosen company's whole mirror (lists include inactive rows), or undefined while loading. */
export function useCompanySnapshot(): CompanySnapshot | undefined {
  const repos = useRepos();
  const companyId = useCompanyId();
  return useLiveQuery(async () => {
    const m = repos.mirrorOf(companyId);
    const [company, preferences, importedAt, worker, customer, item, employee, vendor, klass] = await Promise.all([
      m.getState<Record<string, unknown>>('company'),
      m.preferences(),
      m.getState<number>('mirrorImportedAt'),
      m.getState<WorkerMapping | null>('worker'),
      m.list('customer', { includeInactive: true }),
      m.list('item', { includeInactive: true }),
      m.list('employee', { includeInactive: true }),
      m.list('vendor', { includeInactive: true }),
      m.list('class', { includeInactive: true }),
    ]);
    return {
      company: company ?? null,
      preferences,
      importedAt: importedAt ?? null,
      worker: worker ?? null,
      lists: { customer, item, employee, vendor, class: klass },
    };
  }, [repos, companyId]);
}

export const displayName = (row: QboEntityRow) => row.fullyQualifiedName ?? row.name;

export function homeCurrency(prefs: QboPreferences, company: Record<string, unknown> | null): string | null {
  return prefs.CurrencyPrefs?.HomeCurrency?.value ?? (typeof company?.['HomeCurrency'] === 'string' ? company['HomeCurrency'] : null);
}

/** Preferences that change what the push does, in a bookkeeper's words. */
export function preferenceWarnings(prefs: QboPreferences): Array<{ id: string; text: string }> {
  const out: Array<{ id: string; text: string }> = [];
  if (prefs.TimeTrackingPrefs?.BillCustomers === false) {
    out.push({ id: 'billing-off', text: 'Billable time is turned off in QuickBooks (Time settings). Time still arrives, but QuickBooks will not offer it for invoices until you turn it on.' });
  }
  if (prefs.AccountingInfoPrefs?.ClassTrackingPerTxn === true) {
    out.push({ id: 'class-tracking', text: 'QuickBooks asks for a class on every transaction. Choose a class for each project on the Mapping tab, or its time is held back.' });
  }
  if (prefs.CurrencyPrefs?.MultiCurrencyEnabled === true) {
    const home = prefs.CurrencyPrefs.HomeCurrency?.value ?? 'the home currency';
    out.push({ id: 'multicurrency', text: `Multicurrency is on. Time is recorded at ${home} rates; check invoices for customers billed in another currency.` });
  }
  const closed = prefs.AccountingInfoPrefs?.BookCloseDate;
  if (closed) out.push({ id: 'books-closed', text: `The books are closed through ${isLocalDate(closed) ? formatDate(closed) : closed} in QuickBooks. Time dated on or before then is not sent, and time already sent there cannot be changed.` });
  return out;
}

export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const m = Math.abs(minutes);
  return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

/** The shared money formatter (exact decimal, the currency's own digits) in the viewer's locale. */
export function formatMoney(minor: number, currency: string): string {
  return formatSharedMoney({ amountMinor: minor, currency }, navigator.language || 'en-US');
}
