// @vitest-environment jsdom
// The Audit tab after real syncs (real repositories on fake-indexeddb, the real engine, main's
// qbo:* calls answered by a fake QuickBooks): each row says when, what happened in words and which
// time it was — date, client · project (task), start–end, duration, amount — newest first; the
// machine fields (op, key, entries@versions, payload hash, Id, SyncToken, request id, intuit_tid)
// stay hidden until Details is opened; an entry deleted since is still named; filter by outcome;
// the CSV export carries every machine field and the readable columns.
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos, type Repos } from '../../../renderer/src/db/repos';
import { seedCoolCars } from './cool-cars';

type Item = { bId: string; operation: string; body: Record<string, unknown> };
let nextId = 100;

vi.mock('../../../renderer/src/platform/api', () => ({
  api: {
    invoke: vi.fn(async (channel: string, payload: { requestId: string; items: Item[] }) => {
      if (channel !== 'qbo:sendBatch') return { ok: false, error: { kind: 'unavailable', message: `not in this test: ${channel}`, retryable: false } };
      return {
        ok: true,
        value: {
          intuitTid: `tid-${payload.requestId.slice(0, 8)}`,
          items: payload.items.map((i) => {
            if (String(i.body['Description']).includes('closed')) {
              return { bId: i.bId, entity: null, data: null, queryResponse: null, fault: { type: 'ValidationFault', errors: [{ code: '6000', message: 'A business validation error has occurred while processing your request', detail: 'Business Validation Error: The books are closed for this date.', element: '' }] } };
            }
            if (i.operation === 'delete') return { bId: i.bId, entity: 'TimeActivity', data: { status: 'Deleted', Id: i.body['Id'] }, queryResponse: null, fault: null };
            return { bId: i.bId, entity: 'TimeActivity', data: { ...i.body, Id: i.body['Id'] ?? String(nextId++), SyncToken: i.body['SyncToken'] !== undefined ? String(Number(i.body['SyncToken']) + 1) : '0' }, queryResponse: null, fault: null };
          }),
        },
      };
    }),
    on: () => () => {},
  },
}));

const { ReposProvider } = await import('../../../renderer/src/data/repos-context');
const { AuditSection } = await import('../../../renderer/src/features/quickbooks/AuditSection');
const { createSyncService } = await import('../../../renderer/src/features/quickbooks/engine/sync-service');
const { ipcQboPort } = await import('../../../renderer/src/features/quickbooks/engine/qbo-port');
const { api } = await import('../../../renderer/src/platform/api');

let dbName: string;
let repos: Repos;
let n = 0;
const ids: Record<string, string> = {};
const at = (h: number, m = 0) => Date.UTC(2026, 11, 3, h, m);

beforeEach(async () => {
  dbName = `qbo-audit-${++n}`;
  repos = createRepos(await openDatabase(dbName));
  await seedCoolCars(repos);
  const client = await repos.clients.create({ name: 'Cool Cars' });
  const project = await repos.projects.create({ clientId: client.id, name: 'Showroom Landscaping', rateMinor: 12000, currency: 'USD', qboCustomerId: '21', qboItemId: '7' });
  const task = await repos.tasks.create({ projectId: project.id, name: 'Design' });
  const make = async (key: string, start: number, minutes: number, description: string, taskId: string | null) => {
    const e = await repos.entries.create({ projectId: project.id, taskId, description, start, end: start + minutes * 60_000, zone: 'UTC', source: 'manual', billable: true });
    ids[key] = e.id;
  };
  await make('plans', at(9), 90, 'Plans', task.id);
  await make('visit', at(11), 45, 'Site visit', null);
  await make('closed', at(14), 30, 'Books closed here', null);
  await repos.entries.approve(Object.values(ids));
  const sync = createSyncService({ repos, port: ipcQboPort(api, 'primary') });
  await sync.run();
  // The site visit is deleted afterwards (confirmed) and deleted forever from the trash: its
  // TimeActivity is removed from QuickBooks.
  await repos.entries.delete([ids['visit']!], { confirmed: true });
  await repos.trash.deleteForever([ids['visit']!]);
  await sync.run();
});

afterEach(() => cleanup());

// The tab reads the names, the entries' history and the mirror first: slow on a loaded machine.
const LOAD = { timeout: 10_000 };
const renderTab = () => render(<ReposProvider dbName={dbName}><AuditSection /></ReposProvider>);
const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').filter((r) => r.hasAttribute('data-outcome'));

describe('Audit tab', () => {
  it('says what happened to which time, in words, newest first', async () => {
    renderTab();
    const table = await screen.findByRole('table', { name: 'Sync operations' }, LOAD);
    await waitFor(() => expect(bodyRows(table)).toHaveLength(4), LOAD);
    const text = bodyRows(table).map((r) => r.textContent);
    // Newest first: the removal, then the first sync's three answers.
    expect(text[0]).toContain('Removed from QuickBooks');
    expect(text[0]).toContain('Thu 3 Dec, Cool Cars · Showroom Landscaping, 11:00–11:45');
    const plans = bodyRows(table).find((r) => r.textContent!.includes('09:00–10:30'))!;
    expect(plans.getAttribute('data-outcome')).toBe('ok');
    expect(plans.textContent).toContain('Sent to QuickBooks');
    expect(plans.textContent).toContain('Thu 3 Dec, Cool Cars · Showroom Landscaping (Design), 09:00–10:30');
    expect(within(plans).getAllByRole('cell').map((c) => c.textContent).slice(3, 5)).toEqual(['1:30', '$180.00']);
    // The deleted entry is still named where it was first sent.
    expect(text.filter((t) => t!.includes('11:00–11:45'))).toHaveLength(2);
    expect(text.find((t) => t!.includes('Sent to QuickBooks') && t!.includes('11:00–11:45'))).toContain('$90.00');
    const refused = bodyRows(table).find((r) => r.getAttribute('data-outcome') === 'failed')!;
    expect(refused.textContent).toContain('QuickBooks refused it');
    expect(refused.textContent).toContain('The books are closed for this date.');
    expect(refused.textContent).toContain('Thu 3 Dec, Cool Cars · Showroom Landscaping, 14:00–14:30');
    // No ids, hashes or request ids in the rows themselves.
    for (const t of text) expect(t).not.toMatch(/tid-|[0-9a-f]{10}|entry:/);
  });

  it('keeps the machine fields behind Details', async () => {
    renderTab();
    const table = await screen.findByRole('table', { name: 'Sync operations' }, LOAD);
    await waitFor(() => expect(bodyRows(table)).toHaveLength(4), LOAD);
    const record = (await repos.sync.audit()).find((r) => r.entryIds[0] === ids['plans'])!;
    expect(screen.queryByText(record.intuitTid!)).toBeNull();
    expect(screen.queryByText(record.payloadHash)).toBeNull();
    const plans = bodyRows(table).find((r) => r.textContent!.includes('09:00–10:30'))!;
    const toggle = within(plans).getByRole('button', { name: 'Details' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const details = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    const fields = Object.fromEntries([...details.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    expect(fields).toMatchObject({
      Operation: 'create',
      Key: `entry:${ids['plans']}`,
      'Entries @ version': `${ids['plans']} @ 2`,
      'Payload hash': record.payloadHash,
      'QuickBooks Id': record.qboId,
      SyncToken: '0',
      'Request id': record.requestId,
      intuit_tid: record.intuitTid,
    });
    fireEvent.click(toggle);
    expect(screen.queryByText(record.intuitTid!)).toBeNull();
  });

  it('filters by outcome', async () => {
    renderTab();
    const table = await screen.findByRole('table', { name: 'Sync operations' }, LOAD);
    await waitFor(() => expect(bodyRows(table)).toHaveLength(4), LOAD);
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'failed' } });
    await waitFor(() => expect(bodyRows(screen.getByRole('table', { name: 'Sync operations' }))).toHaveLength(1), LOAD);
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'retrying' } });
    expect(await screen.findByText('No operation with this outcome.', {}, LOAD)).toBeTruthy();
  });

  it('exports every machine field and the readable columns as CSV through a Blob download', async () => {
    const blobs: Blob[] = [];
    Object.assign(URL, { createObjectURL: vi.fn((b: Blob) => { blobs.push(b); return 'blob:audit'; }), revokeObjectURL: vi.fn() });
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this.download); });
    renderTab();
    const exportButton = await screen.findByRole('button', { name: 'Export CSV' }, LOAD);
    await act(async () => {
      fireEvent.click(exportButton);
    });
    await waitFor(() => expect(clicked).toHaveLength(1), LOAD);
    expect(clicked[0]).toMatch(/^track-nexus-quickbooks-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    // jsdom's Blob has no text(); FileReader reads it.
    const text = await new Promise<string>((resolve) => { const r = new FileReader(); r.onload = () => resolve(String(r.result)); r.readAsText(blobs[0]!); });
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,op,entryIds,entryVersions,payloadHash,qboId,syncToken,intuitTid,requestId,outcome,message,key,event,date,client,project,task,start,end,entries,duration,measured,amount,currency');
    expect(lines).toHaveLength(5);
    const plans = (await repos.sync.audit()).find((r) => r.entryIds[0] === ids['plans'])!;
    expect(lines.find((l) => l.startsWith(plans.id))).toBe(
      `${plans.id},${new Date(plans.at).toISOString()},create,${ids['plans']},2,${plans.payloadHash},${plans.qboId},0,${plans.intuitTid},${plans.requestId},ok,,entry:${ids['plans']},` +
        'Sent to QuickBooks,2026-12-03,Cool Cars,Showroom Landscaping,Design,09:00,10:30,1,1:30,1:30,180.00,USD',
    );
    expect(lines.find((l) => l.includes(',delete,'))).toContain('Removed from QuickBooks,2026-12-03,Cool Cars,Showroom Landscaping,,11:00,11:45,1,0:45,0:45,90.00,USD');
    expect(blobs[0]!.type).toContain('text/csv');
    click.mockRestore();
  });
});
