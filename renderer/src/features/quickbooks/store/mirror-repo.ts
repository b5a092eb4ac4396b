// The local mirror of the QuickBooks company: name lists (customers, service items, employees,
// vendors, classes: inactive ones kept and marked) and key-value state (company info, preferences,
// worker mapping, sync settings, import watermark, chart of accounts). Mapping screens and pre-flight read it; only the
// importer (engine/import-mirror.ts) writes the name lists.
//
// One repository per QuickBooks company. Rows and state names of a company other than the primary
// one carry `@<companyId>` (shared/qbo/company.ts): the `kind` of its name-list rows and the key of
// its state, so two companies' Customer 1 never collide and the primary's rows are stored as before.
// Workspace-wide state (sync settings, your name) lives under the primary company's bare names.
import { bareName, scopedName } from '../../../../../shared/qbo/company';
import type { QboMirror, QboPreferences } from '../../../../../shared/qbo/types';
import type { RepoContext } from '../../../db/context';
import type { QboEntityKind, QboEntityRow } from '../../../db/schema';

export type NewQboEntity = Omit<QboEntityRow, 'updatedAt'>;

/** A payment term: `dueDays` after the invoice date, or null for a term due on a day of the month. */
export interface MirrorTerm {
  id: string;
  name: string;
  active: boolean;
  dueDays: number | null;
}

/**
 * A sales tax code with its percent (the sum of its rates, "8.25"). Null when a rate was not
 * readable, or for a taxable code without rates of its own (US `TAX`: the customer's code's rate applies).
 */
export interface MirrorTaxCode {
  id: string;
  name: string;
  percent: string | null;
  active: boolean;
}

/** An account of the chart of accounts: expense categories post to one, expenses are paid from one. */
export interface MirrorAccount {
  id: string;
  name: string;
  fullyQualifiedName: string;
  /** QuickBooks' AccountType: 'Expense', 'Other Expense', 'Cost of Goods Sold', 'Bank', 'Credit Card'… */
  type: string;
  active: boolean;
  /** The account's currency in a multicurrency company; null when QuickBooks did not say (home currency). */
  currency: string | null;
}

// Long because it is the repository's table of methods, each a few lines over one company's rows.
export function createQboMirrorRepo(ctx: RepoContext, companyId: string) {
  const { db } = ctx;
  const kindOf = (kind: QboEntityKind) => scopedName(kind, companyId);
  const keyOf = (key: string) => scopedName(key, companyId);
  /** A stored row as the company's own (its kind without the company). */
  const own = (row: QboEntityRow): QboEntityRow => ({ ...row, kind: bareName(row.kind) as QboEntityKind });
  const rowsOf = async (kind: QboEntityKind) => (await db.qboEntities.where('kind').equals(kindOf(kind)).toArray()).map(own);

  return {
    async list(kind: QboEntityKind, opts: { includeInactive?: boolean } = {}): Promise<QboEntityRow[]> {
      const rows = await rowsOf(kind);
      return rows.filter((r) => opts.includeInactive || r.active).sort((a, b) => (a.fullyQualifiedName ?? a.name).localeCompare(b.fullyQualifiedName ?? b.name));
    },

    async get(kind: QboEntityKind, id: string): Promise<QboEntityRow | undefined> {
      const row = await db.qboEntities.get([kindOf(kind), id]);
      return row && own(row);
    },

    /** Upserts rows; with `replaceKind` every other row of those kinds is removed (a full import). */
    async putEntities(rows: readonly NewQboEntity[], opts: { replaceKinds?: readonly QboEntityKind[] } = {}): Promise<void> {
      const at = ctx.now();
      await db.transaction('rw', [db.qboEntities], async () => {
        for (const kind of opts.replaceKinds ?? []) await db.qboEntities.where('kind').equals(kindOf(kind)).delete();
        await db.qboEntities.bulkPut(rows.map((r) => ({ ...r, kind: kindOf(r.kind) as QboEntityKind, updatedAt: at })));
      });
    },

    async removeEntities(keys: ReadonlyArray<[QboEntityKind, string]>): Promise<void> {
      await db.qboEntities.bulkDelete(keys.map(([k, id]) => [kindOf(k), id]));
    },

    async getState<T = unknown>(key: string): Promise<T | undefined> {
      return (await db.qboState.get(keyOf(key)))?.value as T | undefined;
    },

    async setState(key: string, value: unknown): Promise<void> {
      await db.qboState.put({ key: keyOf(key), value, updatedAt: ctx.now() });
    },

    async preferences(): Promise<QboPreferences> {
      return ((await db.qboState.get(keyOf('preferences')))?.value as QboPreferences | undefined) ?? {};
    },

    /** Payment terms as last imported (empty before an import, or when QuickBooks would not give them). */
    async terms(): Promise<MirrorTerm[]> {
      return ((await db.qboState.get(keyOf('terms')))?.value as MirrorTerm[] | undefined) ?? [];
    },

    /** Sales tax codes as last imported, with their percent. */
    async taxCodes(): Promise<MirrorTaxCode[]> {
      return ((await db.qboState.get(keyOf('taxCodes')))?.value as MirrorTaxCode[] | undefined) ?? [];
    },

    /** The chart of accounts as last imported (undefined before the first import that read it). */
    async accounts(): Promise<MirrorAccount[] | undefined> {
      return (await db.qboState.get(keyOf('accounts')))?.value as MirrorAccount[] | undefined;
    },

    /** The name lists in the shape pre-flight reads. */
    async mirror(): Promise<QboMirror> {
      const kinds: QboEntityKind[] = ['customer', 'item', 'employee', 'vendor', 'class'];
      const lists = new Map(await Promise.all(kinds.map(async (k) => [k, await rowsOf(k)] as const)));
      const of = (kind: QboEntityKind) => lists.get(kind) ?? [];
      return {
        customers: of('customer').map((r) => ({
          Id: r.id,
          DisplayName: r.name,
          FullyQualifiedName: r.fullyQualifiedName ?? r.name,
          ...(r.parentId ? { ParentRef: { value: r.parentId }, Job: true } : {}),
          Active: r.active,
          ...(r.currency ? { CurrencyRef: { value: r.currency } } : {}),
          ...(r.taxable !== undefined ? { Taxable: r.taxable } : {}),
          ...(r.taxCodeId ? { DefaultTaxCodeRef: { value: r.taxCodeId } } : {}),
          ...(r.termId ? { SalesTermRef: { value: r.termId } } : {}),
          ...(r.email ? { PrimaryEmailAddr: { Address: r.email } } : {}),
        })),
        items: of('item').map((r) => ({
          Id: r.id,
          Name: r.name,
          ...(r.fullyQualifiedName ? { FullyQualifiedName: r.fullyQualifiedName } : {}),
          Type: r.subtype ?? 'Service',
          Active: r.active,
          ...(r.taxable !== undefined ? { Taxable: r.taxable } : {}),
          ...(r.taxCodeId ? { SalesTaxCodeRef: { value: r.taxCodeId } } : {}),
          ...(r.incomeAccountId ? { IncomeAccountRef: { value: r.incomeAccountId } } : {}),
        })),
        employees: of('employee').map((r) => ({ Id: r.id, DisplayName: r.name, Active: r.active })),
        vendors: of('vendor').map((r) => ({ Id: r.id, DisplayName: r.name, Active: r.active, Vendor1099: r.subtype === '1099' })),
        classes: of('class').map((r) => ({ Id: r.id, Name: r.name, ...(r.fullyQualifiedName ? { FullyQualifiedName: r.fullyQualifiedName } : {}), Active: r.active })),
      };
    },
  };
}

export type QboMirrorRepo = ReturnType<typeof createQboMirrorRepo>;
