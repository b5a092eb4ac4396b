// @vitest-environment jsdom
// The Audit tab: every QuickBooks write with its entries@versions, short payload hash, QBO Id,
// SyncToken, intuit_tid and outcome, newest first; filtered by outcome; exported as the CSV
// shared/sync/audit builds (formula-guarded), through a Blob download.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditCsv, type AuditRecord } from '../../../shared/sync/audit';
import { openDatabase } from '../../../renderer/src/db/database';

vi.mock('../../../renderer/src/platform/api', () => ({ api: { invoke: vi.fn(), on: () => () => {} } }));

const { ReposProvider } = await import('../../../renderer/src/data/repos-context');
const { AuditSection } = await import('../../../renderer/src/features/quickbooks/AuditSection');

const records: AuditRecord[] = [
  { id: 'a1', at: Date.UTC(2026, 10, 24, 21, 0), op: 'create', entryIds: ['e-plans-0001'], entryVersions: [2], payloadHash: '96fe04dea5e30e32c0c1', qboId: '36', syncToken: '0', intuitTid: 'tid-1', requestId: 'r1', outcome: 'ok' },
  { id: 'a2', at: Date.UTC(2026, 10, 24, 21, 1), op: 'create', entryIds: ['e-visit-0001'], entryVersions: [2], payloadHash: '28efee501c6ef508be9b', requestId: 'r1', outcome: 'failed', message: '=HYPERLINK("x") The books are closed' },
  { id: 'a3', at: Date.UTC(2026, 10, 24, 21, 2), op: 'update', entryIds: ['e-plans-0001'], entryVersions: [5], payloadHash: '5f40bacb72aa', qboId: '36', syncToken: '1', requestId: 'r2', outcome: 'ok' },
];

let dbName: string;
let n = 0;
beforeEach(async () => {
  dbName = `qbo-audit-${++n}`;
  const db = await openDatabase(dbName);
  await db.syncAudit.bulkAdd(records);
  db.close();
});
afterEach(() => cleanup());

describe('Audit tab', () => {
  it('lists operations newest first with their identifiers and outcome', async () => {
    render(<ReposProvider dbName={dbName}><AuditSection /></ReposProvider>);
    const table = await screen.findByRole('table', { name: 'Sync operations' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-outcome'))).toEqual(['ok', 'failed', 'ok']);
    const cells = within(rows[0]!).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(1, 8)).toEqual(['update', 'e-plans-@5', '5f40bacb72', '36', '1', '', 'OK']);
    expect(within(rows[2]!).getAllByRole('cell')[6]!.textContent).toBe('tid-1');
    expect(rows[1]!.textContent).toContain('The books are closed');
  });

  it('filters by outcome', async () => {
    render(<ReposProvider dbName={dbName}><AuditSection /></ReposProvider>);
    await screen.findByRole('table', { name: 'Sync operations' });
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'failed' } });
    const rows = within(screen.getByRole('table', { name: 'Sync operations' })).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.getAttribute('data-outcome')).toBe('failed');
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'retrying' } });
    expect(screen.getByText('No operation with this outcome.')).toBeTruthy();
  });

  it('exports the whole trail as CSV through a Blob download', async () => {
    const blobs: Blob[] = [];
    const create = vi.fn((b: Blob) => { blobs.push(b); return 'blob:audit'; });
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this.download); });
    render(<ReposProvider dbName={dbName}><AuditSection /></ReposProvider>);
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    expect(clicked).toHaveLength(1);
    expect(clicked[0]).toMatch(/^track-nexus-quickbooks-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    // jsdom's Blob has no text(); FileReader reads it.
    const text = await new Promise<string>((resolve) => { const r = new FileReader(); r.onload = () => resolve(String(r.result)); r.readAsText(blobs[0]!); });
    expect(text).toBe(auditCsv(records));
    expect(text).toContain(`"'=HYPERLINK(""x"") The books are closed"`);
    expect(blobs[0]!.type).toContain('text/csv');
    click.mockRestore();
  });
});
