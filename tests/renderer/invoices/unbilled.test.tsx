// @vitest-environment jsdom
// The Invoices screen's first look: the period defaults to last month early in a month, unbilled
// time per customer (oldest first) with hours and amounts and its projects and tasks, the time left
// behind with where to fix it, and an empty state when nothing is unbilled.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connected, renderScreen } from './render-screen';
import { fakeService } from './fake-service';

const companies = vi.hoisted(() => ({ list: [] as unknown[] }));
vi.mock('../../../renderer/src/platform/api', () => ({
  api: { invoke: vi.fn(async () => ({ ok: true, value: { companies: companies.list } })), on: () => () => {} },
}));
const { useUi } = await import('../../../renderer/src/app/ui-store');
const { InvoicesScreen } = await import('../../../renderer/src/features/invoices/InvoicesScreen');
const { InvoiceServiceContext } = await import('../../../renderer/src/features/invoices/use-invoice-service');

afterEach(cleanup);

describe('Unbilled time', () => {
  it('asks for last month early in the month and for this month later on', async () => {
    companies.list = [connected('primary', 'Nexus Consulting')];
    const early = fakeService();
    renderScreen(early, '2026-12-04');
    await screen.findByText('Acme Cars');
    expect(early.unbilled).toHaveBeenCalledWith({ from: '2026-11-01', to: '2026-11-30' });
    cleanup();
    const late = fakeService();
    renderScreen(late, '2026-12-15');
    await screen.findByText('Acme Cars');
    expect(late.unbilled).toHaveBeenCalledWith({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('lists customers oldest first with hours and amounts, and opens to projects and tasks', async () => {
    companies.list = [connected('primary', 'Nexus Consulting')];
    renderScreen(fakeService());
    const list = await screen.findByRole('list', { name: 'Customers with unbilled time' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => within(r).getByRole('checkbox').parentElement!.textContent!.trim())).toEqual(['Acme Cars', 'Beta Bikes']);
    expect(rows[0]!.textContent).toContain('12:30 h');
    expect(rows[0]!.textContent).toContain('$1,875.00');
    fireEvent.click(within(rows[0]!).getByRole('button', { name: /Show projects/ }));
    const design = within(rows[0]!).getByRole('rowheader', { name: 'Design' }).closest('tr')!;
    expect(design.textContent).toContain('8:00');
    expect(design.textContent).toContain('$1,200.00');
    expect(design.textContent).toContain('3 Nov 2026');
    expect(design.lastElementChild!.textContent).toBe('5');
    const website = within(rows[0]!).getByRole('rowheader', { name: 'Website' }).closest('tr')!;
    expect([...website.children].map((c) => c.textContent)).toEqual(['Website', '12:30', expect.stringMatching(/\$1,875\.00$/), '3 Nov 2026', '8']);
  });

  it('warns about draft and unsynced time above the list, with a way to each fix', async () => {
    companies.list = [connected('primary', 'Nexus Consulting')];
    renderScreen(fakeService());
    const warnings = await screen.findByRole('list', { name: 'Time not ready to bill' });
    expect(warnings.textContent).toContain('3 draft entries (4:30) are not approved yet');
    expect(warnings.textContent).toContain('2 approved entries (1:15) are not in QuickBooks yet');
    fireEvent.click(within(warnings).getByRole('button', { name: 'Sync to QuickBooks' }));
    expect(useUi.getState()).toMatchObject({ screen: 'quickbooks', section: 'sync' });
    fireEvent.click(within(warnings).getByRole('button', { name: 'Approve in the Timesheet' }));
    expect(useUi.getState().screen).toBe('timesheet');
  });

  it('says when nothing is waiting to be billed', async () => {
    companies.list = [connected('primary', 'Nexus Consulting')];
    renderScreen(fakeService({ unbilled: { customers: [], leftBehind: [] } }));
    expect(await screen.findByRole('heading', { name: 'Nothing to bill in this period' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Preview invoices/ })).toBeNull();
  });

  it('uses the chosen company when there are several, and asks for a connection when there is none', async () => {
    companies.list = [connected('primary', 'Nexus Consulting'), connected('second', 'Nexus Europe')];
    const services = new Map([['primary', fakeService()], ['second', fakeService({ companyId: 'second' })]]);
    render(
      <InvoiceServiceContext.Provider value={(id) => services.get(id)!}>
        <InvoicesScreen today="2026-12-04" />
      </InvoiceServiceContext.Provider>,
    );
    const chips = await screen.findByRole('navigation', { name: 'QuickBooks companies' });
    await waitFor(() => expect(services.get('primary')!.unbilled).toHaveBeenCalled());
    fireEvent.click(within(chips).getByRole('button', { name: 'Nexus Europe' }));
    expect(within(chips).getByRole('button', { name: 'Nexus Europe' }).getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(services.get('second')!.unbilled).toHaveBeenCalled());
    cleanup();
    companies.list = [];
    renderScreen(fakeService());
    expect(await screen.findByRole('heading', { name: 'Connect QuickBooks to make invoices' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open QuickBooks' }));
    expect(useUi.getState().screen).toBe('quickbooks');
  });
});
