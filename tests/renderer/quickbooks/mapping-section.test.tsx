// @vitest-environment jsdom
// The Mapping tab over real repositories (fake-indexeddb): inactive QuickBooks records are listed
// but cannot be picked, unless already linked (then flagged); unmapped rows are marked; "Apply
// suggestions above 90%" applies only sure, active, unambiguous suggestions and leaves the rest.
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos, type Repos } from '../../../renderer/src/db/repos';
import type { QboEntityKind } from '../../../renderer/src/db/schema';

vi.mock('../../../renderer/src/platform/api', () => ({ api: { invoke: vi.fn(async () => ({ ok: false, error: { kind: 'unavailable', message: 'no', retryable: false } })), on: () => () => {} } }));

const { ReposProvider } = await import('../../../renderer/src/data/repos-context');
const { MappingSection } = await import('../../../renderer/src/features/quickbooks/MappingSection');

let dbName: string;
let repos: Repos;
let n = 0;

const entity = (kind: QboEntityKind, id: string, name: string, extra: { fqn?: string; parentId?: string; active?: boolean; subtype?: string } = {}) => ({
  kind, id, name, ...(extra.fqn ? { fullyQualifiedName: extra.fqn } : {}), parentId: extra.parentId ?? null, active: extra.active ?? true, ...(extra.subtype ? { subtype: extra.subtype } : {}),
});

beforeEach(async () => {
  dbName = `qbo-mapping-${++n}`;
  const db = await openDatabase(dbName);
  repos = createRepos(db);
  await repos.qboMirror.putEntities([
    entity('customer', '1', 'Cool Cars', { fqn: 'Cool Cars' }),
    entity('customer', '2', 'Showroom Landscaping', { fqn: 'Cool Cars:Showroom Landscaping', parentId: '1' }),
    entity('customer', '3', 'Dukes Basketball Camp', { fqn: 'Dukes Basketball Camp', active: false }),
    entity('customer', '4', 'Geeta Kalapatapu', { fqn: 'Geeta Kalapatapu' }),
    entity('item', '10', 'Design', { subtype: 'Service' }),
    entity('item', '11', 'Gardening', { subtype: 'Service', active: false }),
    entity('employee', '20', 'Emily Platt'),
    entity('vendor', '30', 'Mahoney Mugs', { subtype: '1099' }),
    entity('class', '40', 'Residential'),
  ]);
  await repos.qboMirror.setState('mirrorImportedAt', Date.UTC(2026, 10, 24));
  await repos.qboMirror.setState('preferences', { AccountingInfoPrefs: { ClassTrackingPerTxn: true } });
  const cars = await repos.clients.create({ name: 'Cool Cars' });
  const dukes = await repos.clients.create({ name: 'Dukes Basketball Camp' });
  const showroom = await repos.projects.create({ name: 'Showroom Landscaping', clientId: cars.id });
  await repos.projects.create({ name: 'Camp', clientId: dukes.id, qboCustomerId: '3' });
  await repos.projects.create({ name: 'Odd jobs' });
  await repos.tasks.create({ projectId: showroom.id, name: 'Design' });
});

afterEach(() => cleanup());

const renderTab = () => render(<ReposProvider dbName={dbName}><MappingSection /></ReposProvider>);

describe('Mapping tab', () => {
  it('marks unmapped rows, disables inactive records and flags an inactive one already linked', async () => {
    renderTab();
    const select = (await screen.findByLabelText('Customer for Cool Cars · Showroom Landscaping')) as HTMLSelectElement;
    expect(select.value).toBe('');
    const dukes = within(select).getByRole('option', { name: 'Dukes Basketball Camp (inactive)' }) as HTMLOptionElement;
    expect(dukes.disabled).toBe(true);
    expect(within(select).getByRole('option', { name: 'Cool Cars:Showroom Landscaping' })).toBeTruthy();

    const camp = screen.getByLabelText('Customer for Dukes Basketball Camp · Camp') as HTMLSelectElement;
    expect(camp.value).toBe('3');
    expect((within(camp).getByRole('option', { name: 'Dukes Basketball Camp (inactive)' }) as HTMLOptionElement).disabled).toBe(false);
    const campRow = camp.closest('tr')!;
    expect(campRow.textContent).toContain('Inactive in QuickBooks: time is held back');
    expect(campRow.className).toContain('qbo-map-flagged');

    const showroomRow = select.closest('tr')!;
    expect(showroomRow.textContent).toContain('No customer');
    expect(showroomRow.textContent).toContain('No class');
    // Inactive service items are not offered either.
    const item = screen.getByLabelText('Service item for Cool Cars · Showroom Landscaping · Design') as HTMLSelectElement;
    expect((within(item).getByRole('option', { name: 'Gardening (inactive)' }) as HTMLOptionElement).disabled).toBe(true);
  });

  it('shows ranked suggestions with confidence and reason, and a suggestion can be used', async () => {
    renderTab();
    const list = await screen.findByRole('list', { name: 'Suggestions for Cool Cars · Showroom Landscaping' });
    const first = within(list).getAllByRole('listitem')[0]!;
    expect(first.textContent).toMatch(/Use Cool Cars:Showroom Landscaping\s*\d+%/);
    expect(first.textContent).toContain('sub-customer Cool Cars:Showroom Landscaping');
    await act(async () => {
      fireEvent.click(within(first).getByRole('button'));
    });
    await waitFor(async () => expect((await repos.projects.list()).find((p) => p.name === 'Showroom Landscaping')!.qboCustomerId).toBe('2'));
  });

  it('applies only suggestions at 90% or more and says how many are left', async () => {
    renderTab();
    fireEvent.click(await screen.findByRole('button', { name: 'Apply suggestions above 90%' }));
    await screen.findByText(/Applied \d+ suggestions? at 90% or more\./);
    const projects = await repos.projects.list();
    expect(projects.find((p) => p.name === 'Showroom Landscaping')!.qboCustomerId).toBe('2');
    // Nothing in QuickBooks resembles "Odd jobs": it stays unlinked for the user.
    expect(projects.find((p) => p.name === 'Odd jobs')!.qboCustomerId).toBeNull();
    // The inactive link is left as it is (flagged), never replaced silently.
    expect(projects.find((p) => p.name === 'Camp')!.qboCustomerId).toBe('3');
    expect((await repos.tasks.list())[0]!.qboItemId).toBe('10');
    expect(screen.getByRole('status').textContent).toMatch(/left for you to choose/);
  });

  it('links you to an employee or a 1099 vendor', async () => {
    renderTab();
    const select = (await screen.findByLabelText('Time is recorded for')) as HTMLSelectElement;
    expect(within(select).getByRole('option', { name: 'Mahoney Mugs — 1099 contractor' })).toBeTruthy();
    expect(screen.getAllByText('No employee or vendor').length).toBeGreaterThan(0);
    fireEvent.change(select, { target: { value: 'Vendor:30' } });
    await waitFor(async () => expect(await repos.qboMirror.getState('worker')).toEqual({ nameOf: 'Vendor', id: '30' }));
  });

  it('suggests you from the name you type (saved when you leave the field) and applies a sure match', async () => {
    renderTab();
    const name = await screen.findByLabelText('Your name in QuickBooks (for suggestions)');
    fireEvent.change(name, { target: { value: 'Emily Platt' } });
    const list = await screen.findByRole('list', { name: 'Suggestions for you' });
    expect(list.textContent).toMatch(/Use Emily Platt\s*100%/);
    fireEvent.blur(name);
    await waitFor(async () => expect(await repos.qboMirror.getState('mapping.yourName')).toBe('Emily Platt'));
    fireEvent.click(screen.getByRole('button', { name: 'Apply suggestions above 90%' }));
    await waitFor(async () => expect(await repos.qboMirror.getState('worker')).toEqual({ nameOf: 'Employee', id: '20' }));
  });
});
