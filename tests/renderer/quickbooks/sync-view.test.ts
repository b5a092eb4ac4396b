// The Sync tab's pure parts: pre-flight issues grouped the way a bookkeeper reads them (blocking
// first, one line per message with its entries) and each entry's status from its outbox rows.
import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../../shared/sync/outbox';
import type { PreflightIssue } from '../../../shared/sync/preflight';
import type { EntryRow } from '../../../renderer/src/db/schema';
import type { RunResult, SyncProgress } from '../../../renderer/src/features/quickbooks/engine/engine';
import { compactJson, entryStatus, groupIssues, progressBar } from '../../../renderer/src/features/quickbooks/sync-view';

const issue = (entryId: string, code: PreflightIssue['code'], message: string, blocking = true): PreflightIssue => ({ entryId, code, message, blocking });

const entry = (id: string, version = 2, status: EntryRow['status'] = 'approved'): EntryRow => ({
  id, projectId: 'p', taskId: null, description: '', start: 0, end: 3_600_000, zone: 'UTC', source: 'manual', billable: true, status, version,
  createdAt: 0, updatedAt: 0, localDate: '1970-01-01',
});

const row = (over: Partial<OutboxRow>): OutboxRow => ({
  id: 'r1', key: 'entry:e1', op: 'create', entryIds: ['e1'], entryVersions: [2], payload: { TxnDate: '1970-01-01', NameOf: 'Employee', BillableStatus: 'Billable', Hours: 1, Minutes: 0 },
  payloadHash: 'h', requestId: 'q', state: 'pending', attempts: 0, createdAt: 1, ...over,
});

describe('groupIssues', () => {
  it('groups by problem, blocking first, one line per message with its entries once each', () => {
    const groups = groupIssues([
      issue('e1', 'billing_off', 'Billable time is off.', false),
      issue('e1', 'customer_unmapped', "Project 'A' is not linked to a QuickBooks customer."),
      issue('e2', 'customer_unmapped', "Project 'A' is not linked to a QuickBooks customer."),
      issue('e3', 'customer_unmapped', "Project 'B' is not linked to a QuickBooks customer."),
      issue('e2', 'customer_unmapped', "Project 'A' is not linked to a QuickBooks customer."),
      issue('e3', 'books_closed', 'QuickBooks books are closed through 2026-01-31; this entry is dated 2026-01-15.'),
    ]);
    expect(groups.map((g) => [g.code, g.blocking, g.entryCount])).toEqual([
      ['customer_unmapped', true, 3],
      ['books_closed', true, 1],
      ['billing_off', false, 1],
    ]);
    expect(groups[0]!.title).toBe('Project not linked to a customer');
    expect(groups[0]!.messages).toEqual([
      { message: "Project 'A' is not linked to a QuickBooks customer.", entryIds: ['e1', 'e2'] },
      { message: "Project 'B' is not linked to a QuickBooks customer.", entryIds: ['e3'] },
    ]);
  });

  it('is empty without issues', () => {
    expect(groupIssues([])).toEqual([]);
  });
});

describe('entryStatus', () => {
  it('waits for the next sync when nothing is queued', () => {
    expect(entryStatus(entry('e1'), [], [], false).state).toBe('waiting');
    expect(entryStatus(entry('e1', 3, 'synced'), [], [], false).state).toBe('sent');
  });

  it('is blocked with the pre-flight reason when nothing current is queued', () => {
    const s = entryStatus(entry('e1'), [], [issue('e1', 'customer_inactive', "Customer 'X' is inactive in QuickBooks.")], false);
    expect(s).toMatchObject({ state: 'blocked', detail: "Customer 'X' is inactive in QuickBooks." });
    // A warning does not block.
    expect(entryStatus(entry('e1'), [], [issue('e1', 'billing_off', 'off', false)], false).state).toBe('waiting');
  });

  it('follows the newest, not superseded row: queued, sending, sent, failed with QuickBooks words', () => {
    expect(entryStatus(entry('e1'), [row({ state: 'pending' })], [], false)).toMatchObject({ state: 'queued', label: 'Queued' });
    expect(entryStatus(entry('e1'), [row({ state: 'pending', lastError: 'QuickBooks is busy' })], [], false)).toMatchObject({ state: 'queued', detail: 'QuickBooks is busy' });
    expect(entryStatus(entry('e1'), [row({ state: 'inflight' })], [], false).state).toBe('sending');
    expect(entryStatus(entry('e1'), [row({ state: 'done', qboId: '41' })], [], false)).toMatchObject({ state: 'sent', qboId: '41' });
    expect(entryStatus(entry('e1'), [row({ state: 'failed', lastError: 'Invalid Reference Id: Customer' })], [], false)).toMatchObject({ state: 'failed', detail: 'Invalid Reference Id: Customer' });
    const old = row({ id: 'r0', state: 'failed', supersededBy: 'r1', createdAt: 5, lastError: 'stale' });
    expect(entryStatus(entry('e1'), [old, row({ state: 'done', qboId: '41', createdAt: 1 })], [], false).state).toBe('sent');
  });

  it('says what is still to send needs a reconnect while QuickBooks asks for one', () => {
    expect(entryStatus(entry('e1'), [row({ state: 'pending' })], [], true)).toMatchObject({ state: 'reconnect', label: 'Needs reconnect' });
    expect(entryStatus(entry('e1'), [row({ state: 'done', qboId: '9' })], [], true).state).toBe('sent');
    // Approved but not queued yet waits for the reconnect too; failed and blocked keep their reason.
    expect(entryStatus(entry('e1'), [], [], true).state).toBe('reconnect');
    expect(entryStatus(entry('e1'), [row({ state: 'failed', lastError: 'no' })], [], true).state).toBe('failed');
    expect(entryStatus(entry('e1'), [], [issue('e1', 'no_rate', 'rate')], true).state).toBe('blocked');
  });

  it('an edit after the sent version waits for its own push', () => {
    expect(entryStatus(entry('e1', 4), [row({ state: 'done', qboId: '9', entryVersions: [2] })], [], false).state).toBe('waiting');
  });

  it('a failed row of an entry pre-flight now blocks shows the block', () => {
    const s = entryStatus(entry('e1'), [row({ state: 'failed', lastError: 'x' })], [issue('e1', 'item_inactive', "Service item 'Gardening' is inactive in QuickBooks.")], false);
    expect(s.state).toBe('blocked');
  });
});

describe('entryStatus with sync records (done rows leave the outbox)', () => {
  const record = { qboId: '41', entryIds: ['e1'], entryVersions: [3] };
  it('a synced entry shows the QuickBooks Id from its record', () => {
    expect(entryStatus(entry('e1', 3, 'synced'), [], [], false, record)).toMatchObject({ state: 'sent', qboId: '41' });
  });
  it('an approved entry with a record was edited since: it waits for its update', () => {
    expect(entryStatus(entry('e1', 5), [], [], false, record)).toMatchObject({ state: 'waiting', label: 'Changed: waiting for the next sync', qboId: '41' });
  });
});

describe('compactJson', () => {
  it('puts each reference on one line and stays the same JSON', () => {
    const body = { TxnDate: '2026-11-24', CustomerRef: { value: '21' }, Description: 'a "quoted" {value}', Hours: 1 };
    const text = compactJson(body);
    expect(text).toContain('"CustomerRef": { "value": "21" }');
    expect(JSON.parse(text)).toEqual(body);
  });
});

describe('unknownPlaceholders', () => {
  it('lists brace tokens that are not placeholders, ignoring escaped braces', async () => {
    const { unknownPlaceholders } = await import('../../../renderer/src/features/quickbooks/sync-view');
    expect(unknownPlaceholders('{project}{task? — task}: {description}')).toEqual([]);
    expect(unknownPlaceholders('{projet} {client} {Date} {{literal}}')).toEqual(['{projet}', '{Date}']);
  });
});

describe('progressBar', () => {
  const p = (over: Partial<SyncProgress>): SyncProgress => ({ phase: 'sending', done: 0, total: 0, failed: 0, lastError: null, needsReconnect: false, ...over });
  const result: RunResult = { status: 'completed', sent: 3, done: 3, failed: 0, batches: 1, remaining: 0 };

  it('is empty before any run and while a run prepares', () => {
    expect(progressBar(p({ phase: 'idle' }), false, null)).toEqual({ percent: 0, text: 'Not synced yet' });
    expect(progressBar(p({ phase: 'planning' }), true, null)).toEqual({ percent: 0, text: 'Preparing…' });
  });

  it('shows rows settled of rows in the run, rounded down and below 100% while the run goes on', () => {
    expect(progressBar(p({ done: 1, total: 3 }), true, null)).toEqual({ percent: 33, text: '1 of 3 sent' });
    expect(progressBar(p({ done: 199, total: 200 }), true, null).percent).toBe(99);
    // A re-read row sent again settles twice: still not full while the run goes on.
    expect(progressBar(p({ done: 4, total: 3 }), true, null)).toEqual({ percent: 99, text: '3 of 3 sent' });
  });

  it('after a run, shows that run; empty when it had nothing to send', () => {
    expect(progressBar(p({ phase: 'done', done: 3, total: 3 }), false, result)).toEqual({ percent: 100, text: '3 of 3 sent' });
    expect(progressBar(p({ phase: 'paused', done: 1, total: 3 }), false, { ...result, status: 'paused_auth', remaining: 2 })).toEqual({ percent: 33, text: '1 of 3 sent' });
    expect(progressBar(p({ phase: 'done' }), false, { ...result, sent: 0, done: 0 })).toEqual({ percent: 0, text: '' });
  });
});
