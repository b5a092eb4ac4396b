// @vitest-environment jsdom
// Conflicts, end to end in the renderer: time we sent is changed in QuickBooks; with the rule "Ask
// me", running reconciliation puts it on the ask-list; the Conflicts tab names the time (date,
// client · project, start–end) and says what changed in the user's units ("QuickBooks has 2:00,
// Track Nexus has 0:45"), the raw differences behind Details; "Take QuickBooks" / "Keep Track
// Nexus" resolve it.
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QboTimeActivity } from '../../../shared/qbo/types';
import { openDatabase, type TrackNexusDb } from '../../../renderer/src/db/database';
import { createRepos, type Repos } from '../../../renderer/src/db/repos';
import { runReconciliationReport } from '../../../renderer/src/features/quickbooks/engine/reconcile-run';
import { advanceStatus } from '../db/helpers';
import { seedCoolCars } from './cool-cars';
import { fakeQboPort, notFound, ok } from './fake-port';

vi.mock('../../../renderer/src/platform/api', () => ({ api: { invoke: vi.fn(), on: () => () => {} } }));

const { ReposProvider } = await import('../../../renderer/src/data/repos-context');
const { ConflictsSection } = await import('../../../renderer/src/features/quickbooks/ConflictsSection');

let dbName: string;
let db: TrackNexusDb;
let repos: Repos;
let n = 0;
let inQbo: QboTimeActivity | null;
let entryId: string;

const port = fakeQboPort((channel) => {
  if (channel === 'qbo:queryAll') return ok({ items: inQbo ? [inQbo] : [] });
  if (channel === 'qbo:readEntity') return inQbo ? ok({ data: inQbo }) : notFound;
  throw new Error(`unused: ${channel}`);
});

beforeEach(async () => {
  dbName = `qbo-conflicts-${++n}`;
  db = await openDatabase(dbName);
  repos = createRepos(db);
  await seedCoolCars(repos);
  await repos.sync.saveSettings({ conflictRule: 'ask' });
  const client = await repos.clients.create({ name: 'Cool Cars' });
  const project = await repos.projects.create({ clientId: client.id, name: 'Showroom Landscaping', rateMinor: 12000, currency: 'USD', qboCustomerId: '21', qboItemId: '7' });
  const start = Date.UTC(2026, 2, 9, 9, 0);
  const e = await repos.entries.create({ projectId: project.id, taskId: null, description: 'Plans', start, end: start + 45 * 60_000, zone: 'UTC', source: 'manual', billable: true });
  await repos.entries.approve([e.id]);
  // What a sync wrote: the record of TimeActivity 36 as sent, and its create done (gone from the outbox).
  const { drafts } = await repos.sync.preview([e.id]);
  const d = drafts[0]!;
  await db.outbox.clear();
  await db.syncRecords.put({ key: d.key, qboId: '36', syncToken: '0', entryIds: d.entryIds, entryVersions: d.entryVersions, payload: d.payload, payloadHash: d.payloadHash, billableStatus: 'Billable', updatedAt: 1 });
  await advanceStatus(repos, [e.id], 'synced');
  entryId = e.id;
  // Someone changes the hours in QuickBooks.
  inQbo = { ...d.payload, Id: '36', SyncToken: '1', Hours: 2, Minutes: 0 } as QboTimeActivity;
});

afterEach(() => cleanup());

// The tab reads the names, the entries' history and the mirror first: slow on a loaded machine.
const LOAD = { timeout: 10_000 };
const CHANGED = 'Changed in QuickBooks: Mon 9 Mar, Cool Cars · Showroom Landscaping, 09:00–09:45';
const changes = (item: HTMLElement) => within(within(item).getByRole('list', { name: 'What changed' })).getAllByRole('listitem').map((li) => li.textContent);

describe('Conflicts tab', () => {
  it('reconciliation puts a change made in QuickBooks on the ask-list, named and said in words', async () => {
    const r = await runReconciliationReport(repos, port, { from: '2026-03-01', to: '2026-03-31' });
    expect(r.findings).toMatchObject({ changedInQbo: 1, asked: 1 });
    expect(r.rows[0]).toMatchObject({ approvedMinutes: 45, qboMinutes: 120, diffMinutes: 75 });

    render(<ReposProvider dbName={dbName}><ConflictsSection /></ReposProvider>);
    const item = await screen.findByRole('listitem', { name: CHANGED }, LOAD);
    expect(changes(item)).toEqual(['Duration: QuickBooks has 2:00, Track Nexus has 0:45.']);
    // The raw differences and ids wait behind Details.
    expect(within(item).queryByRole('table', { name: 'Differences' })).toBeNull();
    expect(item.textContent).not.toContain('36');
    fireEvent.click(within(item).getByRole('button', { name: 'Details' }));
    const rows = within(within(item).getByRole('table', { name: 'Differences' })).getAllByRole('row').slice(1).map((tr) => tr.textContent);
    expect(rows).toEqual(['Hours02', 'Minutes450']);
    expect(item.textContent).toContain('QuickBooks Id36');

    await act(async () => {
      fireEvent.click(within(item).getByRole('button', { name: 'Take QuickBooks' }));
    });
    await screen.findByText(/No conflicts/, {}, LOAD);
    const resolved = await repos.sync.conflicts('resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.resolution).toBe('quickbooks');
    // The same write as the rule "QuickBooks wins": the entry now shows QuickBooks' 2 hours.
    const entry = (await repos.entries.get(entryId))!;
    expect(entry).toMatchObject({ status: 'synced', end: entry.start + 120 * 60_000 });
  });

  it('"Keep Track Nexus" queues our version again with QuickBooks\' SyncToken', async () => {
    await runReconciliationReport(repos, port, { from: '2026-03-01', to: '2026-03-31' });
    render(<ReposProvider dbName={dbName}><ConflictsSection /></ReposProvider>);
    const item = await screen.findByRole('listitem', { name: CHANGED }, LOAD);
    await act(async () => {
      fireEvent.click(within(item).getByRole('button', { name: 'Keep Track Nexus' }));
    });
    await screen.findByText(/No conflicts/, {}, LOAD);
    await waitFor(async () => {
      const open = await repos.sync.openRows();
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ op: 'update', qboId: '36', syncToken: '1' });
      expect(open[0]!.payload).toMatchObject({ Hours: 0, Minutes: 45 });
    });
  });

  it('names customers by their project or QuickBooks name, rates as money, descriptions quoted', async () => {
    await repos.qboMirror.putEntities([{ kind: 'customer', id: '22', name: 'Dukes Basketball Camp', fullyQualifiedName: 'Dukes Basketball Camp', parentId: null, active: true }]);
    inQbo = { ...inQbo!, Hours: 0, Minutes: 45, CustomerRef: { value: '22' }, HourlyRate: 150, Description: 'Plans, revised', TxnDate: '2026-03-10' };
    await runReconciliationReport(repos, port, { from: '2026-03-01', to: '2026-03-31' });
    render(<ReposProvider dbName={dbName}><ConflictsSection /></ReposProvider>);
    const item = await screen.findByRole('listitem', { name: CHANGED }, LOAD);
    expect(changes(item)).toEqual([
      'Date: QuickBooks has 10 Mar 2026, Track Nexus has 9 Mar 2026.',
      'Customer: QuickBooks has Dukes Basketball Camp, Track Nexus has Cool Cars · Showroom Landscaping.',
      'Hourly rate: QuickBooks has $150.00 an hour, Track Nexus has $120.00 an hour.',
      'Description: QuickBooks has “Plans, revised”, Track Nexus has “Showroom Landscaping: Plans”.',
    ]);
  });

  it('a deletion in QuickBooks says so and names the time, even once the entry is deleted here too', async () => {
    inQbo = null;
    await runReconciliationReport(repos, port, { from: '2026-03-01', to: '2026-03-31' });
    await db.entries.update(entryId, { deletedAt: Date.UTC(2026, 2, 10) });
    render(<ReposProvider dbName={dbName}><ConflictsSection /></ReposProvider>);
    const item = await screen.findByRole('listitem', { name: 'Deleted in QuickBooks: Mon 9 Mar, Cool Cars · Showroom Landscaping, 09:00–09:45' }, LOAD);
    expect(item.textContent).toContain('Someone deleted this time in QuickBooks after Track Nexus sent it (0:45, $90.00).');
    expect(within(item).getByRole('button', { name: 'Take QuickBooks (back to draft)' })).toBeTruthy();
  });
  it('a change made here after the sync and still queued is offered as the one way out, since it is newer', async () => {
    await repos.entries.update(entryId, { description: 'Plans and elevations' }, { confirmed: true });
    await runReconciliationReport(repos, port, { from: '2026-03-01', to: '2026-03-31' });
    render(<ReposProvider dbName={dbName}><ConflictsSection /></ReposProvider>);
    const item = await screen.findByRole('listitem', { name: CHANGED }, LOAD);
    await waitFor(() => expect(item.textContent).toContain('You changed this time in Track Nexus after it was sent'));
    expect(item.textContent).not.toContain('take QuickBooks’ version');
    expect(within(item).queryByRole('button', { name: 'Take QuickBooks' })).toBeNull();
    await act(async () => {
      fireEvent.click(within(item).getByRole('button', { name: 'Send my newer change' }));
    });
    await screen.findByText(/No conflicts/, {}, LOAD);
    const open = await repos.sync.openRows();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ op: 'update', qboId: '36', syncToken: '1' });
    expect(open[0]!.payload).toMatchObject({ Hours: 0, Minutes: 45, Description: expect.stringContaining('Plans and elevations') });
  });
});
