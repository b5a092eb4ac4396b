// @vitest-environment jsdom
// The Company tab: "Import from QuickBooks" reads company info, preferences and every name list
// (inactive ones too) through main's qbo:* calls; the tab shows the company, its home currency,
// the preferences that change the push in plain words, and counts with inactive records apart.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

const calls: Array<{ channel: string; payload: unknown }> = [];
const lists: Record<string, Array<Record<string, unknown>>> = {
  Customer: [
    { Id: '1', DisplayName: 'Cool Cars', FullyQualifiedName: 'Cool Cars', Active: true },
    { Id: '2', DisplayName: 'Showroom Landscaping', FullyQualifiedName: 'Cool Cars:Showroom Landscaping', ParentRef: { value: '1' }, Job: true, Active: true },
    { Id: '3', DisplayName: 'Dukes Basketball Camp', FullyQualifiedName: 'Dukes Basketball Camp', Active: false },
  ],
  Item: [{ Id: '7', Name: 'Design', Type: 'Service', Active: true }, { Id: '8', Name: 'Gardening', Type: 'Service', Active: false }],
  Employee: [{ Id: '29', DisplayName: 'Emily Platt', Active: true }],
  Vendor: [{ Id: '30', DisplayName: 'Mahoney Mugs', Vendor1099: true, Active: true }],
  Class: [],
};

vi.mock('../../../renderer/src/platform/api', () => ({
  api: {
    invoke: vi.fn(async (channel: string, payload: { entity: string }) => {
      calls.push({ channel, payload });
      if (channel === 'qbo:getCompany') {
        return {
          ok: true,
          value: {
            companyInfo: { CompanyName: 'Track Nexus Demo Company' },
            preferences: {
              TimeTrackingPrefs: { BillCustomers: false },
              AccountingInfoPrefs: { ClassTrackingPerTxn: true, BookCloseDate: '2026-01-31' },
              CurrencyPrefs: { MultiCurrencyEnabled: true, HomeCurrency: { value: 'USD' } },
            },
          },
        };
      }
      if (channel === 'qbo:queryAll') return { ok: true, value: { items: lists[payload.entity] ?? [] } };
      return { ok: false, error: { kind: 'unavailable', message: channel, retryable: false } };
    }),
    on: () => () => {},
  },
}));

const { ReposProvider } = await import('../../../renderer/src/data/repos-context');
const { SyncServiceProvider } = await import('../../../renderer/src/features/quickbooks/SyncServiceProvider');
const { CompanySection } = await import('../../../renderer/src/features/quickbooks/CompanySection');

afterEach(() => cleanup());

describe('Company tab', () => {
  it('imports the company and shows preferences warnings and counts with inactive apart', async () => {
    render(<ReposProvider dbName="qbo-company-1"><SyncServiceProvider><CompanySection /></SyncServiceProvider></ReposProvider>);
    fireEvent.click(await screen.findByRole('button', { name: 'Import from QuickBooks' }));
    await screen.findByText('Imported 7 records from Track Nexus Demo Company.');
    const queries = calls.filter((c) => c.channel === 'qbo:queryAll').map((c) => c.payload as { entity: string; where?: string });
    // Name lists, then payment terms and tax codes for invoicing (no code has rates here, so no TaxRate
    // query), then the chart of accounts for expenses.
    expect(queries.map((q) => q.entity)).toEqual(['Customer', 'Item', 'Employee', 'Vendor', 'Class', 'Term', 'TaxCode', 'Account']);
    expect(queries.map((q) => q.where)).toEqual(Array(8).fill('Active IN (true, false)'));

    expect(screen.getByText('Track Nexus Demo Company')).toBeTruthy();
    expect(screen.getByText('USD')).toBeTruthy();
    const warnings = screen.getByRole('heading', { name: 'Settings in QuickBooks that affect syncing' }).parentElement!;
    expect(within(warnings).getAllByRole('listitem').map((li) => li.getAttribute('data-warning'))).toEqual(['billing-off', 'class-tracking', 'multicurrency', 'books-closed']);
    expect(warnings.textContent).toContain('Billable time is turned off in QuickBooks');
    expect(warnings.textContent).toContain('The books are closed through 31 Jan 2026 in QuickBooks');

    const table = screen.getByRole('table', { name: 'Imported from QuickBooks' });
    const row = (name: string) => within(table).getByRole('row', { name: new RegExp(name) }).textContent;
    expect(row('Customers and jobs')).toBe('Customers and jobs21 inactive');
    expect(row('Products and services')).toBe('Products and services11 inactive');
    expect(row('Vendors')).toBe('Vendors10');
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeTruthy();
  });
});
