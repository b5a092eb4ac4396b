// @vitest-environment jsdom
// Invoices are made in QuickBooks Online only: a QuickBooks Desktop company is not offered on the
// Invoices screen, and the screen says so by name instead of leaving it out silently.
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connected, renderScreen } from '../invoices/render-screen';
import { fakeService } from '../invoices/fake-service';

const companies = vi.hoisted(() => ({ list: [] as unknown[] }));
vi.mock('../../../renderer/src/platform/api', () => ({
  api: { invoke: vi.fn(async () => ({ ok: true, value: { companies: companies.list } })), on: () => () => {} },
}));

afterEach(cleanup);

describe('Invoices beside a QuickBooks Desktop company', () => {
  it('bills the Online company only and names the Desktop one as not invoiced from here yet', async () => {
    companies.list = [connected('primary', 'Nexus Consulting'), { ...connected('co-0000d001', 'Cool Cars'), environment: 'desktop', realmId: null }];
    renderScreen(fakeService());
    await screen.findByText('Acme Cars');
    expect(screen.getByText(/Bill approved time in Nexus Consulting/)).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'QuickBooks companies' })).toBeNull();
    expect(screen.getByText(/Not listed: Cool Cars \(QuickBooks Desktop\)\. Track Nexus cannot make invoices in QuickBooks Desktop yet/)).toBeTruthy();
  });

  it('with only a Desktop company, asks to connect QuickBooks Online for invoices', async () => {
    companies.list = [{ ...connected('co-0000d001', 'Cool Cars'), environment: 'desktop', realmId: null }];
    renderScreen(fakeService());
    const empty = await screen.findByRole('heading', { name: 'Connect QuickBooks to make invoices' });
    expect(within(empty.parentElement!.parentElement!).queryByText(/Acme Cars/)).toBeNull();
    expect(screen.getByText(/Not listed: Cool Cars \(QuickBooks Desktop\)/)).toBeTruthy();
  });
});
