// @vitest-environment jsdom
// "Which company" on the Mapping tab, over real repositories (fake-indexeddb): shown only when the
// workspace has several companies; moving a client takes its projects (and their links) out of the
// chosen company's mapping; moving time QuickBooks holds asks first, then plans its delete in the
// old company and sends it again to the new one.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type TrackNexusDb } from '../../../renderer/src/db/database';
import { createRepos, type Repos } from '../../../renderer/src/db/repos';

const companies = { list: [] as unknown[] };
const company = (companyId: string, companyName: string) => ({ companyId, state: 'connected', environment: 'custom', realmId: companyId, companyName, message: null, connectedAt: 1, awaitingBrowser: false });

vi.mock('../../../renderer/src/platform/api', () => ({
  api: {
    invoke: vi.fn(async (channel: string) =>
      channel === 'qbo:listCompanies' ? { ok: true, value: { companies: companies.list } } : { ok: false, error: { kind: 'unavailable', message: 'no', retryable: false } },
    ),
    on: () => () => {},
  },
}));

const { ReposProvider } = await import('../../../renderer/src/data/repos-context');
const { MappingSection } = await import('../../../renderer/src/features/quickbooks/MappingSection');

const SECOND = 'co-0000000b';
let dbName: string;
let db: TrackNexusDb;
let repos: Repos;
let n = 0;
let camp: { id: string };
let dukes: { id: string };

beforeEach(async () => {
  dbName = `qbo-assign-${++n}`;
  db = await openDatabase(dbName);
  repos = createRepos(db);
  companies.list = [company('primary', 'Cool Cars Books'), company(SECOND, 'Dukes Holdings')];
  await repos.qboMirror.putEntities([{ kind: 'customer', id: '3', name: 'Dukes Basketball Camp', parentId: null, active: true }]);
  await repos.qboMirror.setState('mirrorImportedAt', Date.UTC(2026, 10, 24));
  dukes = await repos.clients.create({ name: 'Dukes Basketball Camp' });
  camp = await repos.projects.create({ name: 'Camp', clientId: dukes.id, qboCustomerId: '3', rateMinor: 10_000 });
});

afterEach(() => cleanup());

const renderTab = () => render(<ReposProvider dbName={dbName}><MappingSection /></ReposProvider>);

/** An entry of Camp that QuickBooks (the primary company) holds. */
async function syncedEntry(): Promise<string> {
  const e = await repos.entries.create({ projectId: camp.id, description: 'Practice', start: Date.UTC(2026, 10, 2, 15), end: Date.UTC(2026, 10, 2, 16), zone: 'UTC' });
  await repos.entries.approve([e.id]);
  await db.outbox.clear();
  const record = { key: `entry:${e.id}`, qboId: '77', syncToken: '0', entryIds: [e.id], entryVersions: [2], payload: { TxnDate: '2026-11-02' } as never, payloadHash: 'h', updatedAt: 1 };
  await db.syncRecords.put(record);
  await repos.entries.transaction([], (tx) => repos.entries.advanceInTx(tx, new Map([[e.id, undefined]]), 'synced'));
  return e.id;
}

describe('Which company', () => {
  it('is not there with one company', async () => {
    companies.list = [company('primary', 'Cool Cars Books')];
    renderTab();
    await screen.findByLabelText('Customer for Dukes Basketball Camp · Camp');
    expect(screen.queryByRole('heading', { name: 'Which company' })).toBeNull();
  });

  it("moves a client and its projects out of this company's mapping, clearing their links", async () => {
    renderTab();
    expect(await screen.findByLabelText('Customer for Dukes Basketball Camp · Camp')).toBeTruthy();
    const select = (await screen.findByLabelText('Company for client Dukes Basketball Camp')) as HTMLSelectElement;
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Cool Cars Books', 'Dukes Holdings']);
    fireEvent.change(select, { target: { value: SECOND } });
    expect((await screen.findByRole('status')).textContent).toContain('now goes to Dukes Holdings');
    await waitFor(() => expect(screen.queryByLabelText('Customer for Dukes Basketball Camp · Camp')).toBeNull());
    expect(await repos.clients.get(dukes.id)).toMatchObject({ qboCompanyId: SECOND });
    expect(await repos.projects.get(camp.id)).toMatchObject({ qboCustomerId: null });
  });

  it('asks before moving time QuickBooks holds, then deletes it there and sends it again', async () => {
    const id = await syncedEntry();
    renderTab();
    fireEvent.change(await screen.findByLabelText('Company for client Dukes Basketball Camp'), { target: { value: SECOND } });
    const ask = await screen.findByRole('alertdialog', { name: 'Move Dukes Basketball Camp?' });
    expect(ask.textContent).toContain('1 entry of Dukes Basketball Camp is in QuickBooks already');
    fireEvent.click(within(ask).getByRole('button', { name: 'Keep where it is' }));
    expect((await repos.clients.get(dukes.id))!.qboCompanyId).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);

    fireEvent.change(screen.getByLabelText('Company for client Dukes Basketball Camp'), { target: { value: SECOND } });
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Move' }));
    await screen.findByRole('status');
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ key: `entry:${id}`, op: 'delete', qboId: '77' })]);
    expect((await repos.entries.get(id))!.status).toBe('approved');
  });
});
