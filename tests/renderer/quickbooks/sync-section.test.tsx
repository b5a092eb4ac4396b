// @vitest-environment jsdom
// The Sync tab over real repositories (fake-indexeddb) and the real engine, with main's qbo:*
// calls answered by a fake QuickBooks: pre-flight groups what blocks which entries; Sync now sends
// approved time and shows the result and each entry's status (sent, failed with QuickBooks' words,
// blocked with the pre-flight reason); a test sync shows the exact payloads and pushes just those.
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos, type Repos } from '../../../renderer/src/db/repos';
import type * as ReposModule from '../../../renderer/src/db/repos';
import type { ReactNode } from 'react';
import type { SyncService } from '../../../renderer/src/features/quickbooks/engine/sync-service';
import { seedCoolCars } from './cool-cars';

const sent: Array<{ requestId: string; items: Array<{ bId: string; operation: string; body: Record<string, unknown> }> }> = [];
let nextId = 100;
/** When set, every batch after the first waits for it: a run caught in the middle. */
let hold: Promise<void> | null = null;
let releaseHold: (() => void) | null = null;

const connectedStatus = { companyId: 'primary', state: 'connected', environment: 'custom', realmId: '1', companyName: 'Co', message: null, connectedAt: 1, awaitingBrowser: false };

vi.mock('../../../renderer/src/platform/api', () => ({
  api: {
    invoke: vi.fn(async (channel: string, payload: { requestId: string; items: Array<{ bId: string; operation: string; body: Record<string, unknown> }> }) => {
      if (channel === 'qbo:sendBatch') {
        sent.push(payload);
        if (hold && sent.length > 1) await hold;
        return {
          ok: true,
          value: {
            items: payload.items.map((i) =>
              String(i.body['Description']).includes('closed')
                ? { bId: i.bId, entity: null, data: null, queryResponse: null, fault: { type: 'ValidationFault', errors: [{ code: '6000', message: 'A business validation error has occurred while processing your request', detail: 'Business Validation Error: The books are closed for this date.', element: '' }] } }
                : { bId: i.bId, entity: 'TimeActivity', data: { ...i.body, Id: i.body['Id'] ?? String(nextId++), SyncToken: i.body['SyncToken'] !== undefined ? String(Number(i.body['SyncToken']) + 1) : '0' }, queryResponse: null, fault: null },
            ),
          },
        };
      }
      if (channel === 'qbo:getStatus') return { ok: true, value: connectedStatus };
      if (channel === 'qbo:listCompanies') return { ok: true, value: { companies: [connectedStatus] } };
      return { ok: false, error: { kind: 'unavailable', message: `not in this test: ${channel}`, retryable: false } };
    }),
    on: () => () => {},
  },
}));

/** Reads of the approved set (the Sync bridge's live query), counted as they return. */
const approvedReads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../renderer/src/db/repos', async (importOriginal) => {
  const actual = await importOriginal<typeof ReposModule>();
  return {
    ...actual,
    createRepos: (...args: Parameters<typeof actual.createRepos>) => {
      const repos = actual.createRepos(...args);
      const listApproved = repos.entries.listApproved.bind(repos.entries);
      repos.entries.listApproved = async () => {
        const rows = await listApproved();
        approvedReads.count++;
        return rows;
      };
      return repos;
    },
  };
});

const { ReposProvider } = await import('../../../renderer/src/data/repos-context');
const { SyncSection } = await import('../../../renderer/src/features/quickbooks/SyncSection');
const { SyncServiceProvider, useSyncService } = await import('../../../renderer/src/features/quickbooks/SyncServiceProvider');
const { QboSyncBridge } = await import('../../../renderer/src/features/quickbooks/QboSyncBridge');

let dbName: string;
let repos: Repos;
let n = 0;
const ids: Record<string, string> = {};

beforeEach(async () => {
  sent.length = 0;
  hold = null;
  releaseHold = null;
  sync = null;
  dbName = `qbo-sync-${++n}`;
  repos = createRepos(await openDatabase(dbName));
  await seedCoolCars(repos);
  await repos.qboMirror.setState('mirrorImportedAt', 1);
  const mapped = await repos.projects.create({ name: 'Showroom Landscaping', rateMinor: 12000, currency: 'USD', qboCustomerId: '21', qboItemId: '7' });
  const loose = await repos.projects.create({ name: 'Odd jobs', rateMinor: 5000, currency: 'USD' });
  const start = Date.now() - 6 * 3_600_000;
  const make = async (key: string, projectId: string, offsetH: number, minutes: number, description: string) => {
    const e = await repos.entries.create({ projectId, taskId: null, description, start: start + offsetH * 3_600_000, end: start + offsetH * 3_600_000 + minutes * 60_000, zone: 'UTC', source: 'manual', billable: true });
    ids[key] = e.id;
  };
  await make('plans', mapped.id, 0, 90, 'Plans');
  await make('visit', mapped.id, 2, 45, 'Visit');
  await make('closed', mapped.id, 3, 30, 'Books closed here');
  await make('loose', loose.id, 4, 15, 'Loose end');
  await repos.entries.approve(Object.values(ids));
});

/** The sync service the rendered provider made (each render makes its own). */
let sync: SyncService | null = null;
function GrabSync() {
  sync = useSyncService();
  return null;
}
const ui = () => sync!.ui;

// A run ends before the next test starts, so it never writes into a closed database. Runs are
// slow on a loaded machine.
const RUN = { timeout: 15_000 };
afterEach(async () => {
  releaseHold?.();
  await waitFor(() => expect(sync?.ui.getState().running ?? false).toBe(false), RUN);
  cleanup();
});

const inSync = (children: ReactNode) => <ReposProvider dbName={dbName}><SyncServiceProvider><GrabSync />{children}</SyncServiceProvider></ReposProvider>;
const renderTab = () => render(inSync(<SyncSection />));
const statusOf = (id: string) => document.querySelector(`tr[data-entry="${id}"]`)?.getAttribute('data-state');

describe('Sync tab', () => {
  it('groups pre-flight problems with the entries they block', async () => {
    await repos.qboMirror.putEntities([{ kind: 'customer', id: '22', name: 'Dukes Basketball Camp', fullyQualifiedName: 'Dukes Basketball Camp', parentId: null, active: false }]);
    const camp = await repos.projects.create({ name: 'Camp', rateMinor: 5000, currency: 'USD', qboCustomerId: '22', qboItemId: '7' });
    const start = Date.now() - 8 * 3_600_000;
    const e = await repos.entries.create({ projectId: camp.id, taskId: null, description: 'Camp day', start, end: start + 3_600_000, zone: 'UTC', source: 'manual', billable: true });
    await repos.entries.approve([e.id]);
    renderTab();
    const inactive = (await screen.findByText('Inactive customer')).closest('details')!;
    expect(inactive.textContent).toContain("Customer 'Dukes Basketball Camp' is inactive in QuickBooks");
    expect(inactive.textContent).toContain('Camp day');
    const group = await screen.findByText('Project not linked to a customer');
    const details = group.closest('details')!;
    expect(details.textContent).toContain("Project 'Odd jobs' is not linked to a QuickBooks customer.");
    expect(details.textContent).toContain('Loose end');
    expect(details.textContent).not.toContain('Plans');
    expect(screen.getByText(/entr(y is|ies are) held back until these are fixed/)).toBeTruthy();
  });

  it('Sync now sends approved time once and shows the result and each entry’s status', async () => {
    renderTab();
    const button = await screen.findByRole('button', { name: 'Sync now' });
    await act(async () => {
      fireEvent.click(button);
    });
    await screen.findByText(/Sent 3: 2 in QuickBooks, 1 failed\./, {}, RUN);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.items.map((i) => i.body['Description'])).toEqual(expect.arrayContaining(['Showroom Landscaping: Plans', 'Showroom Landscaping: Visit', 'Showroom Landscaping: Books closed here']));
    await waitFor(() => expect(statusOf(ids['plans']!)).toBe('sent'));
    expect(statusOf(ids['visit']!)).toBe('sent');
    expect(statusOf(ids['closed']!)).toBe('failed');
    expect(document.querySelector(`tr[data-entry="${ids['closed']}"]`)!.textContent).toContain('books are closed');
    expect(statusOf(ids['loose']!)).toBe('blocked');
    expect(document.querySelector(`tr[data-entry="${ids['loose']}"]`)!.textContent).toContain("Project 'Odd jobs' is not linked");
    // QuickBooks' refusal is repeated by pre-flight as a warning.
    expect(await screen.findByText('QuickBooks refused the last attempt')).toBeTruthy();

    // A second run sends nothing new: not even what QuickBooks refused, since nothing changed.
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    });
    await screen.findByText(/Nothing to send|Sent 0/, {}, RUN);
    expect(sent).toHaveLength(1);

    // After fixing the cause in QuickBooks, the refused entry can be sent again on purpose.
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send failed entry again (1)' }));
    });
    await waitFor(() => expect(sent).toHaveLength(2), RUN);
    expect(sent[1]!.items.map((i) => i.body['Description'])).toEqual(['Showroom Landscaping: Books closed here']);
  });

  it('the progress bar is empty before any run, partial mid-run and full after', async () => {
    // 31 more approved entries: with the three sendable ones, two batches (30 per batch); the second waits.
    const project = (await repos.projects.list()).find((p) => p.name === 'Showroom Landscaping')!;
    const start = Date.now() - 30 * 3_600_000;
    const more: string[] = [];
    for (let i = 0; i < 31; i++) {
      const e = await repos.entries.create({ projectId: project.id, taskId: null, description: `Call ${i}`, start: start + i * 120_000, end: start + i * 120_000 + 60_000, zone: 'UTC', source: 'manual', billable: true });
      more.push(e.id);
    }
    await repos.entries.approve(more);
    hold = new Promise<void>((r) => { releaseHold = r; });
    renderTab();
    const bar = (await screen.findByRole('progressbar', { name: 'Sync progress' })) as HTMLProgressElement;
    expect(bar.value).toBe(0);
    expect(screen.getByText('Not synced yet')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(sent).toHaveLength(2), RUN);
    await waitFor(() => expect(screen.getByText('30 of 34 sent')).toBeTruthy(), RUN);
    expect(bar.value).toBe(88);

    await act(async () => {
      releaseHold!();
    });
    await screen.findByText(/Sent 34: 33 in QuickBooks, 1 failed\./, {}, RUN);
    expect(bar.value).toBe(100);
    expect(screen.getByText('34 of 34 sent')).toBeTruthy();
  });

  it('never shows a full bar while work remains, nor after a run that had nothing to send', async () => {
    renderTab();
    await screen.findByRole('progressbar', { name: 'Sync progress' });
    // Read afresh each time: the bar is the one on screen once the store's change has rendered.
    const bar = () => (screen.getByRole('progressbar', { name: 'Sync progress' }) as HTMLProgressElement).value;
    const progress = { phase: 'sending' as const, done: 199, total: 200, failed: 0, lastError: null, needsReconnect: false };
    act(() => ui().setState({ running: true, progress }));
    await waitFor(() => expect(screen.getByText('199 of 200 sent')).toBeTruthy());
    expect(bar()).toBe(99);
    act(() => ui().setState({ running: false, progress: { ...progress, phase: 'done', done: 0, total: 0 }, lastResult: { status: 'completed', sent: 0, done: 0, failed: 0, batches: 0, remaining: 0 } }));
    await waitFor(() => expect(screen.queryByText('199 of 200 sent')).toBeNull());
    expect(bar()).toBe(0);
  });

  it('a test sync shows the exact payloads for the chosen entries and pushes just those', async () => {
    renderTab();
    const list = await screen.findByRole('list', { name: 'Approved entries' });
    fireEvent.click(within(list).getByRole('checkbox', { name: /Visit/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Show payloads' }));
    const payloads = await screen.findByLabelText('Payloads');
    const pre = payloads.querySelectorAll('pre');
    expect(pre).toHaveLength(1);
    expect(JSON.parse(pre[0]!.textContent!)).toEqual({
      TxnDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), NameOf: 'Employee', EmployeeRef: { value: '29' }, CustomerRef: { value: '21' }, ItemRef: { value: '7' },
      BillableStatus: 'Billable', HourlyRate: 120, Hours: 0, Minutes: 45, Description: 'Showroom Landscaping: Visit',
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Push just these (1)' }));
    });
    await screen.findByText('Test sync sent 1 TimeActivity: 1 in QuickBooks, 0 failed.', {}, RUN);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.items).toHaveLength(1);
    expect(sent[0]!.items[0]!.body['Description']).toBe('Showroom Landscaping: Visit');
    await waitFor(() => expect(statusOf(ids['visit']!)).toBe('sent'));
    // Approving queued it; the test sync pushed just the chosen one.
    expect(statusOf(ids['plans']!)).toBe('queued');
    expect(document.querySelector(`tr[data-entry="${ids['visit']}"]`)!.textContent).toMatch(/In QuickBooks\d+/);
  });

  it('saves the mode, the interval and the conflict rule', async () => {
    renderTab();
    const mode = (await screen.findByLabelText('Send approved time')) as HTMLSelectElement;
    fireEvent.change(mode, { target: { value: 'interval' } });
    await waitFor(async () => expect((await repos.sync.settings()).mode).toBe('interval'));
    const every = (await screen.findByLabelText('Every (minutes)')) as HTMLInputElement;
    fireEvent.change(every, { target: { value: '15' } });
    await waitFor(async () => expect((await repos.sync.settings()).intervalMinutes).toBe(15));
    fireEvent.change(screen.getByLabelText('When time was changed or deleted in QuickBooks'), { target: { value: 'tracker' } });
    await waitFor(async () => expect((await repos.sync.settings()).conflictRule).toBe('tracker'));
  });

  it('in "on approval" mode, approving an entry anywhere starts a sync', async () => {
    await repos.sync.saveSettings({ mode: 'onApproval' });
    const project = (await repos.projects.list()).find((p) => p.name === 'Showroom Landscaping')!;
    const readsBefore = approvedReads.count;
    render(inSync(<QboSyncBridge />));
    // The bridge has taken its first look at the approved set (its baseline, not an approval).
    await waitFor(() => expect(approvedReads.count).toBeGreaterThan(readsBefore), { timeout: 15_000 });
    const start = Date.now() - 2 * 3_600_000;
    const e = await repos.entries.create({ projectId: project.id, taskId: null, description: 'Late call', start, end: start + 30 * 60_000, zone: 'UTC', source: 'manual', billable: true });
    await repos.entries.approve([e.id]);
    await waitFor(() => expect(sent.length).toBeGreaterThan(0), { timeout: 15_000 });
    // The first sync is the one the approval started: had the baseline counted as an approval, an
    // earlier sync would have sent the already-approved entries without this one.
    expect(sent[0]!.items.map((i) => i.body['Description'])).toContain('Showroom Landscaping: Late call');
  });
});
