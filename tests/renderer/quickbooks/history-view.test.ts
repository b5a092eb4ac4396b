// @vitest-environment jsdom
// The QuickBooks history in a person's words (pure): which time a row is about (date, client ·
// project (task), start–end, billed and measured duration, amount in the home currency), what
// happened to it, and what changed in QuickBooks field by field, QuickBooks' value first.
// jsdom only for navigator.language (money is formatted in the viewer's locale: en-US here).
import { describe, expect, it } from 'vitest';
import type { TimeActivityPayload } from '../../../shared/qbo/types';
import type { AuditRecord } from '../../../shared/sync/audit';
import type { ProjectRow } from '../../../renderer/src/db/schema';
import {
  amountText, auditEvent, conflictChanges, csvReadable, durationText, timeFacts, timeLine, type EntrySnapshot, type HistoryBook,
} from '../../../renderer/src/features/quickbooks/history-view';

const project = (over: Partial<ProjectRow>): ProjectRow => ({
  id: 'p-web', clientId: 'c-acme', name: 'Website', color: '#000', billable: true, defaultTaskId: null, rateMinor: 12000, currency: 'USD', rounding: null,
  archived: false, qboCustomerId: '21', qboItemId: '7', qboClassId: null, createdAt: 0, updatedAt: 0, ...over,
});

const at = (h: number, m = 0) => Date.UTC(2026, 11, 3, h, m);
const snaps: Record<string, EntrySnapshot[]> = {
  // Version 2 was sent (09:00–10:00); version 4 is an edit made later, and the entry was deleted since.
  e1: [{ id: 'e1', projectId: 'p-web', taskId: 't-design', start: at(9), end: at(10), zone: 'UTC', billable: true }],
  e2: [{ id: 'e2', projectId: 'p-web', taskId: null, start: at(11), end: at(11, 38), zone: 'UTC', billable: true }],
  e3: [{ id: 'e3', projectId: 'p-web', taskId: null, start: at(14), end: at(14, 20), zone: 'UTC', billable: true }],
};
const versions: Record<string, Record<number, EntrySnapshot>> = {
  e1: { 2: snaps['e1']![0]!, 4: { ...snaps['e1']![0]!, start: at(13), end: at(15) } },
  e2: { 2: snaps['e2']![0]! },
  e3: { 2: snaps['e3']![0]! },
};

const book: HistoryBook = {
  currency: 'USD',
  projects: new Map([['p-web', project({})], ['p-camp', project({ id: 'p-camp', clientId: 'c-dukes', name: 'Camp', qboCustomerId: '22' })]]),
  clients: new Map([['c-acme', { name: 'Acme' }], ['c-dukes', { name: 'Dukes' }]]),
  tasks: new Map([['t-design', { name: 'Design' }]]),
  mirror: {
    customers: [
      { Id: '21', DisplayName: 'Website', FullyQualifiedName: 'Acme:Website', Active: true },
      { Id: '22', DisplayName: 'Camp', FullyQualifiedName: 'Dukes:Camp', Active: true },
      { Id: '40', DisplayName: 'Walk-in', FullyQualifiedName: 'Walk-in', Active: true },
    ],
    items: [{ Id: '7', Name: 'Design', Type: 'Service', Active: true }, { Id: '8', Name: 'Hours', Type: 'Service', Active: true }],
    employees: [{ Id: '55', DisplayName: 'Emily Platt', Active: true }],
    vendors: [],
    classes: [],
  },
  workspaceRounding: { incrementMinutes: 15, mode: 'up', scope: 'entry' },
  entryAt: (id, v) => versions[id]?.[v] ?? Object.values(versions[id] ?? {})[0],
  payloadOf: () => undefined,
};

const payload = (over: Partial<TimeActivityPayload> = {}): TimeActivityPayload => ({
  TxnDate: '2026-12-03', NameOf: 'Employee', EmployeeRef: { value: '55' }, CustomerRef: { value: '21' }, ItemRef: { value: '7' }, BillableStatus: 'Billable', HourlyRate: 120, Hours: 1, Minutes: 0, ...over,
});

describe('the time a row is about', () => {
  it('names one entry as it was at the version sent: date, client · project (task), start–end, duration, amount', () => {
    const f = timeFacts(['e1'], [2], payload(), book);
    expect(timeLine(f)).toBe('Thu 3 Dec, Acme · Website (Design), 09:00–10:00');
    expect(durationText(f)).toBe('1:00');
    expect(amountText(f, 'USD')).toBe('$120.00');
  });

  it('shows the billed duration as sent and the measured one when rounding made them differ', () => {
    const f = timeFacts(['e2'], [2], payload({ Hours: 0, Minutes: 45 }), book);
    expect(durationText(f)).toBe('0:45 billed (0:38 measured)');
    expect(amountText(f, 'USD')).toBe('$90.00');
  });

  it('without the payload, bills through shared/rounding and leaves the amount unknown', () => {
    const f = timeFacts(['e2'], [2], undefined, book);
    expect(durationText(f)).toBe('0:45 billed (0:38 measured)');
    expect(amountText(f, 'USD')).toBe('—');
  });

  it('names an aggregated TimeActivity by its day, project and number of entries', () => {
    const f = timeFacts(['e2', 'e3'], [2, 2], payload({ ItemRef: { value: '7' }, Hours: 1, Minutes: 15, HourlyRate: 100 }), book);
    expect(timeLine(f)).toBe('Thu 3 Dec, Acme · Website, 2 entries');
    expect(durationText(f)).toBe('1:15 billed (0:58 measured)');
    expect(amountText(f, 'USD')).toBe('$125.00');
  });

  it('says not billable rather than an amount, and maps a customer back to its project without entries', () => {
    const f = timeFacts(['gone'], [1], payload({ BillableStatus: 'NotBillable', HourlyRate: undefined, CustomerRef: { value: '22' }, ItemRef: { value: '8' } }), book);
    expect(timeLine(f)).toBe('Thu 3 Dec, Dukes · Camp (Hours)');
    expect(amountText(f, 'USD')).toBe('Not billable');
  });

  it('gives the CSV ISO-like dates, HH:mm, h:mm and an exact decimal amount', () => {
    const r = { op: 'create', outcome: 'ok' } as AuditRecord;
    expect(csvReadable(auditEvent(r), timeFacts(['e2'], [2], payload({ Hours: 0, Minutes: 45 }), book), 'USD')).toEqual({
      event: 'Sent to QuickBooks', date: '2026-12-03', client: 'Acme', project: 'Website', task: '', start: '11:00', end: '11:38', entries: 1,
      duration: '0:45', measured: '0:38', amount: '90.00', currency: 'USD',
    });
  });
});

describe('what happened, in words', () => {
  const rec = (over: Partial<AuditRecord>): AuditRecord => ({ id: 'a', at: 0, op: 'create', entryIds: [], entryVersions: [], payloadHash: '', requestId: '', outcome: 'ok', ...over });
  it.each([
    [rec({}), { title: 'Sent to QuickBooks' }],
    [rec({ op: 'update' }), { title: 'Updated in QuickBooks' }],
    [rec({ op: 'delete' }), { title: 'Removed from QuickBooks' }],
    [rec({ outcome: 'failed', message: 'QuickBooks refused this entry: The books are closed for this date.' }), { title: 'QuickBooks refused it', detail: 'The books are closed for this date.' }],
    [rec({ outcome: 'retrying', message: 'QuickBooks is busy; sending continues shortly.' }), { title: 'Will retry', detail: 'QuickBooks is busy; sending continues shortly.' }],
    [rec({ outcome: 'retrying', message: 'The connection to QuickBooks has expired; reconnect to QuickBooks to continue sending.' }), { title: 'Waiting for a reconnect', detail: 'The connection to QuickBooks has expired; reconnect to QuickBooks to continue sending.' }],
    [rec({ op: 'reconcile', outcome: 'conflict', message: 'Changed in QuickBooks: Hours, Minutes, Description' }), { title: 'Changed in QuickBooks', detail: 'Duration, description' }],
    [rec({ op: 'reconcile', outcome: 'conflict', message: 'Deleted in QuickBooks' }), { title: 'Deleted in QuickBooks' }],
    [rec({ op: 'reconcile', outcome: 'conflict', message: "Changed in QuickBooks; QuickBooks' version taken: duration → 2:00." }), { title: 'Changed in QuickBooks', detail: "QuickBooks' version taken: duration → 2:00." }],
  ])('row %# reads in words', (r, words) => {
    expect(auditEvent(r)).toEqual(words);
  });
});

describe('what changed in QuickBooks', () => {
  it('says the duration in h:mm, QuickBooks first, from the whole payloads', () => {
    const sent = payload({ Hours: 0, Minutes: 45 });
    const inQbo = payload({ Hours: 2, Minutes: 0 });
    expect(conflictChanges([{ field: 'Hours', sent: 0, inQbo: 2 }, { field: 'Minutes', sent: 45, inQbo: 0 }], book, { sent, inQbo })).toEqual([
      { field: 'Duration', text: 'QuickBooks has 2:00, Track Nexus has 0:45' },
    ]);
    // 0:45 → 2:45 differs in hours only; the whole payloads still give both durations.
    expect(conflictChanges([{ field: 'Hours', sent: 0, inQbo: 2 }], book, { sent, inQbo: payload({ Hours: 2, Minutes: 45 }) })[0]!.text).toBe('QuickBooks has 2:45, Track Nexus has 0:45');
  });

  it('names dates, customers (by their project), items, rates as money and quotes descriptions', () => {
    const lines = conflictChanges([
      { field: 'TxnDate', sent: '2026-12-03', inQbo: '2026-12-04' },
      { field: 'CustomerRef', sent: '21', inQbo: '22' },
      { field: 'ItemRef', sent: '7', inQbo: '8' },
      { field: 'HourlyRate', sent: 120, inQbo: 150.5 },
      { field: 'Description', sent: 'Website: plans', inQbo: '' },
      { field: 'BillableStatus', sent: 'Billable', inQbo: 'NotBillable' },
    ], book);
    expect(lines).toEqual([
      { field: 'Date', text: 'QuickBooks has 4 Dec 2026, Track Nexus has 3 Dec 2026' },
      { field: 'Customer', text: 'QuickBooks has Dukes · Camp, Track Nexus has Acme · Website' },
      { field: 'Service item', text: 'QuickBooks has Hours, Track Nexus has Design' },
      { field: 'Hourly rate', text: 'QuickBooks has $150.50 an hour, Track Nexus has $120.00 an hour' },
      { field: 'Description', text: 'QuickBooks has no description, Track Nexus has “Website: plans”' },
      { field: 'Billable', text: 'QuickBooks has not billable, Track Nexus has billable' },
    ]);
    expect(conflictChanges([{ field: 'CustomerRef', sent: '21', inQbo: '40' }], book)[0]!.text).toBe('QuickBooks has Walk-in, Track Nexus has Acme · Website');
  });
});
